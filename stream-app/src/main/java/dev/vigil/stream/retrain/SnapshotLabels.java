package dev.vigil.stream.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.progress.ProgressBars;
import dev.vigil.model.teacher.AutoLabeler;
import dev.vigil.model.teacher.AutoLabels;
import dev.vigil.model.teacher.ClassThresholds;
import dev.vigil.model.teacher.ImageFolderSource;
import dev.vigil.model.teacher.Teacher;
import dev.vigil.model.teacher.TeacherChoice;
import dev.vigil.model.teacher.TeacherLabelMap;
import dev.vigil.model.teacher.TeacherSettings;
import dev.vigil.model.teacher.TemporalConsistency;
import dev.vigil.model.teacher.ThresholdedTeacher;
import dev.vigil.schemas.AnnotationSource;
import dev.vigil.stream.labels.AnnotationPublisher;
import dev.vigil.stream.labels.FrameRef;
import dev.vigil.stream.snapshot.CocoDatasetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;

/**
 * Labels a snapshot's frames that have no annotation yet with a teacher and publishes the labels to the annotations
 * topic (where the next snapshot run, and any later retraining, finds them). Frames a person or an import labelled
 * keep those labels.
 */
final class SnapshotLabels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotLabels() {}

    /** The frames of a snapshot's COCO file without labels ({@link CocoDatasetWriter#LABEL_SOURCE}), by file name. */
    static Map<String, FrameRef> unlabelled(Path snapshotJson) throws IOException {
        Map<String, FrameRef> frames = new HashMap<>();
        for (JsonNode image : JSON.readTree(snapshotJson.toFile()).get("images")) {
            if (image.hasNonNull(CocoDatasetWriter.LABEL_SOURCE)) {
                continue;
            }
            frames.put(
                    image.get("file_name").asText(),
                    new FrameRef(
                            image.get("camera_id").asText(),
                            image.get("frame_sequence").asLong(),
                            Instant.parse(image.get("capture_time").asText()).toEpochMilli(),
                            ""));
        }
        return frames;
    }

    /**
     * The classes of {@code modelClasses} (background first, as a model lists them) that the teacher's label map can
     * label: a fine-tuned model keeps the classes of the model it starts from, so a teacher's box of another class (a
     * COCO teacher's stray "dog") never becomes a new class that the held-out frames then judge.
     */
    static List<String> teachableClasses(List<String> modelClasses) {
        Set<String> teachable = new HashSet<>(
                TeacherLabelMap.parse(TeacherChoice.DEFAULT_LABEL_MAP).vigilClasses());
        List<String> classes = modelClasses.stream().filter(teachable::contains).toList();
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("the teacher labels none of the model's classes " + modelClasses
                    + " (it labels " + String.join(", ", teachable) + "): label the frames on the annotations topic "
                    + "(vigil labels import) instead");
        }
        return classes;
    }

    /**
     * Labels {@code frames} (files under {@code imagesDir}, one camera's) with the teacher (boxes scoring at least
     * their class's threshold), cleans the labels over {@code consistency} neighbouring frames by capture time when it
     * is positive, keeps {@code classes} only, and publishes one annotation per frame.
     *
     * @return the labels, as the teacher made them
     */
    static AutoLabels labelAndPublish(
            Map<String, FrameRef> frames,
            Path imagesDir,
            TeacherChoice choice,
            TeacherChoice.ModelFiles models,
            int consistency,
            List<String> classes,
            ClassThresholds thresholds,
            Map<String, Object> clientConfig,
            Map<String, Object> serdeConfig,
            String annotationsTopic)
            throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(frames.keySet());
        names.sort(Comparator.comparingLong((String name) -> frames.get(name).captureTimeMillis())
                .thenComparing(Comparator.naturalOrder()));
        TeacherSettings settings = TeacherSettings.defaults().withScoreThreshold(thresholds.lowest());
        AutoLabels labels;
        String teacherName;
        try (Teacher teacher = choice.open(
                        models,
                        settings,
                        TeacherLabelMap.parse(TeacherChoice.DEFAULT_LABEL_MAP).restrictedTo(classes),
                        TeacherChoice.EnsembleSettings.defaults());
                ImageFolderSource source = ImageFolderSource.of(imagesDir, names);
                ProgressBar bar = ProgressBars.create("labels (" + teacher.name() + ")", names.size(), " frames")) {
            labels = new AutoLabeler(new ThresholdedTeacher(teacher, thresholds)).label(source, image -> bar.step());
            teacherName = teacher.name();
        }
        if (!labels.skipped().isEmpty()) {
            throw new IOException(
                    "the teacher could not read " + labels.skipped().size() + " frames of the snapshot, " + "e.g. "
                            + labels.skipped().get(0));
        }
        if (consistency > 0) {
            TemporalConsistency.Result cleaned = new TemporalConsistency(
                            consistency, TemporalConsistency.DEFAULT_MATCH_IOU)
                    .clean(labels.dataset().images());
            Dataset dataset = labels.dataset();
            labels = new AutoLabels(
                    new Dataset(dataset.imagesDir(), dataset.categories(), cleaned.images()),
                    labels.teacherNanos(),
                    labels.skipped());
        }
        try (AnnotationPublisher publisher = new AnnotationPublisher(clientConfig, serdeConfig, annotationsTopic)) {
            publisher.publish(labels.dataset(), frames::get, AnnotationSource.TEACHER, "teacher " + teacherName);
        }
        return labels;
    }
}
