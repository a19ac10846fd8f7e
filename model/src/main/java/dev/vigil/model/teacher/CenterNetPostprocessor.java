package dev.vigil.model.teacher;

import dev.vigil.model.box.Boxes;
import dev.vigil.model.detector.DetectedObject;
import java.util.Arrays;
import java.util.List;

/**
 * Turns CenterNet's detections output (K rows of x1, y1, x2, y2 in input pixels, score, 0-based class; the K best
 * peaks of its heat map) into pseudo-labels: classes mapped to Vigil classes (unmapped dropped), a score threshold,
 * boxes scaled from the square input to the image's pixels and clipped to it, then NMS per Vigil class (CenterNet
 * has none across classes, so a van seen as both car and truck gives two boxes until both map to car). Detections
 * carry {@code classId} = 1 + the class's position in {@link TeacherLabelMap#vigilClasses()}.
 */
public final class CenterNetPostprocessor {

    /** Values per output row: x1, y1, x2, y2, score, class. */
    public static final int ROW = 6;

    private final List<String> teacherLabels;
    private final int[] classIdOfLabel;
    private final List<String> classNames;
    private final TeacherSettings settings;
    private final int inputSize;

    /**
     * @param teacherLabels the model's class names in output order
     * @param inputSize side of the model's square input, in which its boxes are given
     * @throws IllegalArgumentException naming a mapped label the model does not have
     */
    public CenterNetPostprocessor(
            List<String> teacherLabels, TeacherLabelMap labelMap, TeacherSettings settings, int inputSize) {
        for (String label : labelMap.teacherLabels()) {
            if (!teacherLabels.contains(label)) {
                throw new IllegalArgumentException("teacher label map names '" + label
                        + "', which is not a label of the teacher; its labels: " + String.join(", ", teacherLabels));
            }
        }
        this.teacherLabels = List.copyOf(teacherLabels);
        this.classNames = labelMap.vigilClasses();
        this.classIdOfLabel = new int[teacherLabels.size()];
        for (int label = 0; label < teacherLabels.size(); label++) {
            String vigilClass = labelMap.vigilClass(teacherLabels.get(label));
            classIdOfLabel[label] = vigilClass == null ? -1 : 1 + classNames.indexOf(vigilClass);
        }
        this.settings = settings;
        this.inputSize = inputSize;
    }

    public List<String> classNames() {
        return classNames;
    }

    /**
     * @param rows the model's output, K × {@value #ROW} values
     * @return detections by decreasing score, at most {@link TeacherSettings#maxDetections()}
     * @throws IllegalArgumentException when the output is not whole rows or names a class the model does not have
     */
    public List<DetectedObject> detections(float[] rows, int imageHeight, int imageWidth) {
        if (rows.length % ROW != 0) {
            throw new IllegalArgumentException("CenterNet output must be rows of " + ROW + ", got " + rows.length);
        }
        int k = rows.length / ROW;
        float[] boxes = new float[k * Boxes.COORDS];
        float[] scores = new float[k];
        int[] classIds = new int[k];
        int n = 0;
        float sx = imageWidth / (float) inputSize;
        float sy = imageHeight / (float) inputSize;
        for (int r = 0; r < k; r++) {
            int o = r * ROW;
            float score = rows[o + 4];
            int label = (int) rows[o + 5];
            if (label < 0 || label >= teacherLabels.size() || label != rows[o + 5]) {
                throw new IllegalArgumentException("CenterNet output row " + r + " has class " + rows[o + 5]
                        + ", not one of the model's " + teacherLabels.size());
            }
            if (!(score >= settings.scoreThreshold()) || classIdOfLabel[label] < 0) {
                continue;
            }
            boxes[n * 4] = rows[o] * sx;
            boxes[n * 4 + 1] = rows[o + 1] * sy;
            boxes[n * 4 + 2] = rows[o + 2] * sx;
            boxes[n * 4 + 3] = rows[o + 3] * sy;
            scores[n] = score;
            classIds[n] = classIdOfLabel[label];
            n++;
        }
        return TeacherDetections.of(
                Arrays.copyOf(boxes, n * Boxes.COORDS),
                Arrays.copyOf(scores, n),
                Arrays.copyOf(classIds, n),
                classNames,
                settings,
                imageHeight,
                imageWidth);
    }
}
