package dev.vigil.model.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.eval.ClassCategoryMapping;
import dev.vigil.model.eval.ImageDetectionResult;
import dev.vigil.model.teacher.Teacher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A teacher's detections of a labelled dataset's images, as evaluation input (its classes matched to the dataset's
 * categories by name), and its time per image.
 */
record TeacherOnDataset(ClassCategoryMapping mapping, List<ImageDetectionResult> results, double millisPerImage) {

    /** The dataset's images, in its order. */
    static List<Mat> readImages(Dataset truth) throws IOException {
        List<Mat> frames = new ArrayList<>();
        for (AnnotatedImage image : truth.images()) {
            Mat mat = imread(truth.imagePath(image).toString());
            if (mat.empty()) {
                frames.forEach(Mat::close);
                throw new IOException("cannot read image " + truth.imagePath(image));
            }
            frames.add(mat);
        }
        return frames;
    }

    /**
     * Runs the teacher on every image {@code rounds} times (after one warm-up image) and keeps the last round's
     * detections.
     *
     * @param frames the dataset's images, in its order
     * @param afterImage called after each image (for progress)
     */
    static TeacherOnDataset run(Teacher teacher, Dataset truth, List<Mat> frames, int rounds, Runnable afterImage) {
        List<String> classes = new ArrayList<>(List.of("__background__"));
        classes.addAll(teacher.classNames());
        ClassCategoryMapping mapping = ClassCategoryMapping.byName(classes, truth.categories());
        teacher.detect(frames.get(0)); // warm-up
        List<ImageDetectionResult> results = new ArrayList<>();
        long nanos = 0;
        for (int round = 0; round < rounds; round++) {
            results.clear();
            for (int i = 0; i < frames.size(); i++) {
                long start = System.nanoTime();
                var detections = teacher.detect(frames.get(i));
                nanos += System.nanoTime() - start;
                results.add(mapping.toResult(truth.images().get(i).id(), detections, Integer.MAX_VALUE));
                afterImage.run();
            }
        }
        return new TeacherOnDataset(mapping, List.copyOf(results), nanos / 1e6 / (frames.size() * (double) rounds));
    }
}
