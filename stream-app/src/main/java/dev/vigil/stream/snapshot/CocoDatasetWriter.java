package dev.vigil.stream.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.schemas.LabelledBox;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a dataset's COCO JSON: {@code images} (id, file_name, width, height, and Vigil's camera_id,
 * frame_sequence, capture_time), {@code categories} (the labels seen), {@code annotations} (bbox {@code [x, y, w, h]}
 * in pixels, area, iscrowd from the box's {@code ignore}, score where the annotation has one).
 */
public final class CocoDatasetWriter {

    public static final String FILE_NAME = "annotations.json";
    public static final String IMAGES_DIR = "images";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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
        ObjectNode root = JSON.createObjectNode();
        ObjectNode info = root.putObject("info");
        info.put("description", "Frames of Kafka topic '" + framesTopic + "' exported by vigil snapshot");
        info.put("images_dir", IMAGES_DIR);
        info.put("date_created", Instant.now().toString());
        ArrayNode imageArray = root.putArray("images");
        ArrayNode annotationArray = root.putArray("annotations");
        int annotatedImages = 0;
        long nextAnnotationId = 1;
        for (SnapshotImage image : images) {
            imageArray.add(imageJson(image));
            boolean shared = imagesPerSequence.get(image.cameraId() + '\u0000' + image.frameSequence()) > 1;
            var annotation = annotations.forImage(image, shared);
            if (annotation.isEmpty()) {
                continue;
            }
            annotatedImages++;
            for (LabelledBox box : annotation.get().getBoxes()) {
                annotationArray.add(boxJson(nextAnnotationId++, image.id(), state.categoryId(box.getLabel()), box));
            }
        }
        ArrayNode categories = root.putArray("categories");
        state.categories().entrySet().stream()
                .sorted(Map.Entry.comparingByValue())
                .forEach(c -> categories.addObject().put("id", c.getValue()).put("name", c.getKey()));
        AtomicJsonFile.write(JSON, dir.resolve(FILE_NAME), root);
        return new Written(images.size(), annotatedImages, annotationArray.size());
    }

    private static ObjectNode imageJson(SnapshotImage image) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", image.id());
        json.put("file_name", image.fileName());
        json.put("width", image.width());
        json.put("height", image.height());
        json.put("camera_id", image.cameraId());
        json.put("frame_sequence", image.frameSequence());
        json.put("capture_time", Instant.ofEpochMilli(image.captureTimeMillis()).toString());
        return json;
    }

    private static ObjectNode boxJson(long id, long imageId, int categoryId, LabelledBox box) {
        float width = box.getX2() - box.getX1();
        float height = box.getY2() - box.getY1();
        ObjectNode json = JSON.createObjectNode();
        json.put("id", id);
        json.put("image_id", imageId);
        json.put("category_id", categoryId);
        json.putArray("bbox").add(box.getX1()).add(box.getY1()).add(width).add(height);
        json.put("area", width * height);
        json.put("iscrowd", box.getIgnore() ? 1 : 0);
        if (box.getScore() != null) {
            json.put("score", box.getScore());
        }
        return json;
    }
}
