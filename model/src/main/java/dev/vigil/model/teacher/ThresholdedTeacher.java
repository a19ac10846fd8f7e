package dev.vigil.model.teacher;

import dev.vigil.model.detector.DetectedObject;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A teacher whose pseudo-labels must pass a score threshold per class ({@link ClassThresholds}); the teacher itself
 * must keep boxes down to the lowest of them. Closes the teacher when closed.
 */
public final class ThresholdedTeacher implements Teacher {

    private final Teacher teacher;
    private final ClassThresholds thresholds;

    public ThresholdedTeacher(Teacher teacher, ClassThresholds thresholds) {
        this.teacher = teacher;
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return teacher.name();
    }

    @Override
    public List<String> classNames() {
        return teacher.classNames();
    }

    @Override
    public List<DetectedObject> detect(Mat image) {
        return thresholds.keep(teacher.detect(image));
    }

    @Override
    public void close() {
        teacher.close();
    }
}
