package dev.vigil.model.teacher;

import dev.vigil.model.detector.DetectedObject;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A pretrained detector that pseudo-labels images with Vigil's classes. Not thread-safe unless said otherwise; holds
 * native memory until {@link #close() closed}.
 */
public interface Teacher extends AutoCloseable {

    /** Short name of the teacher (and of its weights), recorded as the source of its labels. */
    String name();

    /** Vigil class names of the detections; {@code classId - 1} indexes this list. */
    List<String> classNames();

    /**
     * Pseudo-labels of one image.
     *
     * @param image an 8-bit BGR (or grey, or BGRA) OpenCV image of any size
     * @return detections in the image's pixels, by decreasing score
     * @throws IllegalArgumentException when the image is empty or not 8-bit with 1, 3 or 4 channels
     */
    List<DetectedObject> detect(Mat image);

    @Override
    void close();
}
