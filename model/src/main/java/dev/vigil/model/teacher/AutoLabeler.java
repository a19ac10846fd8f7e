package dev.vigil.model.teacher;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.detector.DetectedObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Pseudo-labels every image of a source with the teacher into a dataset: category ids 1..K are the teacher's Vigil
 * classes in {@link Teacher#classNames()} order, image ids 1..N in source order, and each box keeps the teacher's
 * score. Not thread-safe (the teacher is not).
 */
public final class AutoLabeler {

    private final Teacher teacher;

    public AutoLabeler(Teacher teacher) {
        this.teacher = teacher;
    }

    /**
     * Labels the source's images until it runs out.
     *
     * @param afterImage called after each image is labelled (for progress)
     */
    public AutoLabels label(ImageSource source, Consumer<SourceImage> afterImage) throws IOException {
        List<Category> categories = new ArrayList<>();
        List<String> classNames = teacher.classNames();
        for (int i = 0; i < classNames.size(); i++) {
            categories.add(new Category(i + 1, classNames.get(i)));
        }
        List<AnnotatedImage> images = new ArrayList<>();
        long teacherNanos = 0;
        for (SourceImage image; (image = source.next()) != null; ) {
            long start = System.nanoTime();
            List<DetectedObject> detections = teacher.detect(image.bgr());
            teacherNanos += System.nanoTime() - start;
            List<GroundTruthBox> boxes = new ArrayList<>(detections.size());
            for (DetectedObject d : detections) {
                // classId indexes the teacher's classes from 1, as the category ids do
                boxes.add(new GroundTruthBox(
                        d.x1(),
                        d.y1(),
                        d.x2(),
                        d.y2(),
                        d.classId(),
                        false,
                        (double) (d.x2() - d.x1()) * (d.y2() - d.y1()),
                        d.score()));
            }
            images.add(new AnnotatedImage(
                    images.size() + 1,
                    image.fileName(),
                    image.bgr().cols(),
                    image.bgr().rows(),
                    boxes));
            afterImage.accept(image);
        }
        return new AutoLabels(new Dataset(source.imagesDir(), categories, images), teacherNanos, source.skipped());
    }
}
