package dev.vigil.stream.snapshot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.schemas.Annotation;
import dev.vigil.schemas.LabelledBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a snapshot's COCO JSON with the model's COCO writer ({@link CocoDataset#write}): the images (and Vigil's
 * camera_id, frame_sequence, capture_time, and for a labelled frame label_source and label_author), the labels seen as categories, the annotations (iscrowd from the box's
 * {@code ignore}, the score where the annotation has one).
 */
public final class CocoDatasetWriter {

    public static final String FILE_NAME = "annotations.json";
    public static final String IMAGES_DIR = "images";
    /**
     * The image field naming where its labels came from (HUMAN, TEACHER, IMPORT), absent for a frame nobody labelled
     * (beside {@code label_author}).
     */
    public static final String LABEL_SOURCE = "label_source";

    private CocoDatasetWriter() {}

    /** What was written. */
    public record Written(int images, int annotatedImages, int boxes) {}

    /**
     * Writes {@code dir/annotations.json} (atomically) for every image of {@code state}; new labels get category ids
     * in {@code state}.
     */
    public static Written write(Path dir, SnapshotState state, AnnotationIndex annotations, String framesTopic) {
        List<SnapshotImage> images = state.images();
        Map<String, Integer> imagesPerSequence = new HashMap<>();
        for (SnapshotImage image : images) {
            imagesPerSequence.merge(image.cameraId() + '\u0000' + image.frameSequence(), 1, Integer::sum);
        }
        Map<Long, SnapshotImage> byId = new HashMap<>();
        Map<Long, Annotation> labelled = new HashMap<>();
        List<AnnotatedImage> entries = new ArrayList<>(images.size());
        int annotatedImages = 0;
        int boxes = 0;
        for (SnapshotImage image : images) {
            byId.put(image.id(), image);
            boolean shared = imagesPerSequence.get(image.cameraId() + '\u0000' + image.frameSequence()) > 1;
            Optional<Annotation> annotation = annotations.forImage(image, shared);
            List<GroundTruthBox> truth = new ArrayList<>();
            if (annotation.isPresent()) {
                annotatedImages++;
                labelled.put(image.id(), annotation.get());
                for (LabelledBox box : annotation.get().getBoxes()) {
                    truth.add(groundTruth(box, state.categoryId(box.getLabel())));
                }
                boxes += truth.size();
            }
            entries.add(new AnnotatedImage(image.id(), image.fileName(), image.width(), image.height(), truth));
        }
        List<Category> categories = state.categories().entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .map(c -> new Category(c.getValue(), c.getKey()))
                .toList();
        Path json = dir.resolve(FILE_NAME);
        try {
            CocoDataset.write(
                    json,
                    new Dataset(dir.resolve(IMAGES_DIR), categories, entries),
                    new SnapshotFields(framesTopic, byId, labelled));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + json + ": " + e.getMessage(), e);
        }
        return new Written(images.size(), annotatedImages, boxes);
    }

    private static GroundTruthBox groundTruth(LabelledBox box, int categoryId) {
        float width = box.getX2() - box.getX1();
        float height = box.getY2() - box.getY1();
        return new GroundTruthBox(
                box.getX1(),
                box.getY1(),
                box.getX2(),
                box.getY2(),
                categoryId,
                box.getIgnore(),
                (double) width * height,
                box.getScore() == null ? 1f : box.getScore());
    }

    /** Where the frames came from: the topic, and per image its camera, sequence number and capture time. */
    private record SnapshotFields(String framesTopic, Map<Long, SnapshotImage> images, Map<Long, Annotation> labelled)
            implements CocoDataset.ExtraFields {

        @Override
        public void addToInfo(ObjectNode info) {
            info.put("description", "Frames of Kafka topic '" + framesTopic + "' exported by vigil snapshot");
            info.put("date_created", Instant.now().toString());
        }

        @Override
        public void addToImage(ObjectNode entry, AnnotatedImage image) {
            SnapshotImage source = images.get(image.id());
            entry.put("camera_id", source.cameraId());
            entry.put("frame_sequence", source.frameSequence());
            entry.put(
                    "capture_time",
                    Instant.ofEpochMilli(source.captureTimeMillis()).toString());
            Annotation labels = labelled.get(image.id());
            if (labels != null) {
                entry.put(LABEL_SOURCE, labels.getSource().name());
                entry.put("label_author", labels.getAuthor());
            }
        }
    }
}
