package dev.vigil.model.teacher;

import dev.vigil.model.box.Boxes;
import dev.vigil.model.detector.DetectedObject;
import java.util.List;

/**
 * Turns the SSD's raw outputs into pseudo-labels: sigmoid class probabilities, the teacher's labels mapped to Vigil
 * classes (unmapped labels and the background slot dropped), a score threshold, boxes decoded only for the anchors
 * that pass it, scaled to the image's pixels and clipped to it, then NMS per Vigil class (so a van seen as both Car
 * and Vehicle gives one car). Detections carry {@code classId} = 1 + the class's position in
 * {@link TeacherLabelMap#vigilClasses()} (0 is background, as in Vigil's class lists).
 */
public final class SsdPostprocessor {

    /** Index of the background slot in the teacher's label list. */
    public static final int BACKGROUND = 0;

    private final SsdAnchors anchors;
    private final SsdBoxDecoder decoder;
    private final int labelCount;
    private final int[] classIdOfLabel;
    private final List<String> classNames;
    private final TeacherSettings settings;
    private final float logitThreshold;

    /**
     * @param teacherLabels the model's L output labels in output order, background first
     * @param labelMap which of them become which Vigil class
     * @throws IllegalArgumentException naming a mapped label the model does not have
     */
    public SsdPostprocessor(
            SsdAnchors anchors,
            SsdBoxDecoder decoder,
            List<String> teacherLabels,
            TeacherLabelMap labelMap,
            TeacherSettings settings) {
        for (String label : labelMap.teacherLabels()) {
            int index = teacherLabels.indexOf(label);
            if (index == BACKGROUND || index < 0) {
                throw new IllegalArgumentException("teacher label map names '" + label + "', which is "
                        + (index == BACKGROUND ? "the teacher's background slot" : "not a label of the teacher")
                        + "; its labels: "
                        + String.join(", ", teacherLabels.subList(BACKGROUND + 1, teacherLabels.size())));
            }
        }
        this.anchors = anchors;
        this.decoder = decoder;
        this.labelCount = teacherLabels.size();
        this.classNames = labelMap.vigilClasses();
        this.classIdOfLabel = new int[labelCount];
        for (int label = 0; label < labelCount; label++) {
            String vigilClass = label == BACKGROUND ? null : labelMap.vigilClass(teacherLabels.get(label));
            classIdOfLabel[label] = vigilClass == null ? -1 : 1 + classNames.indexOf(vigilClass);
        }
        this.settings = settings;
        double t = settings.scoreThreshold();
        this.logitThreshold = (float) Math.log(t / (1 - t));
    }

    /** Vigil class names; {@code classId - 1} indexes this list. */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Pseudo-labels of one image.
     *
     * @param codes A×4 box codes (ty, tx, th, tw)
     * @param logits A×L class logits
     * @param imageHeight height of the image the boxes are reported in
     * @param imageWidth width of that image (the SSD saw it stretched to its square input)
     * @return detections by decreasing score, at most {@link TeacherSettings#maxDetections()}
     */
    public List<DetectedObject> detections(float[] codes, float[] logits, int imageHeight, int imageWidth) {
        int anchorCount = anchors.count();
        if (codes.length != anchorCount * SsdBoxDecoder.CODE_VALUES || logits.length != anchorCount * labelCount) {
            throw new IllegalArgumentException("SSD outputs must be " + anchorCount + "×4 codes and " + anchorCount
                    + "×" + labelCount + " logits, got " + codes.length + " and " + logits.length + " values");
        }
        int candidates = countCandidates(logits);
        float[] boxes = new float[candidates * Boxes.COORDS];
        float[] scores = new float[candidates];
        int[] classIds = new int[candidates];
        float[] anchorBox = new float[Boxes.COORDS];
        int k = 0;
        for (int anchor = 0, row = 0; anchor < anchorCount; anchor++, row += labelCount) {
            boolean decoded = false;
            for (int label = 0; label < labelCount; label++) {
                float logit = logits[row + label];
                if (classIdOfLabel[label] < 0 || !(logit >= logitThreshold)) {
                    continue;
                }
                if (!decoded) {
                    decoder.decode(codes, anchors, anchor, anchorBox, 0);
                    decoded = true;
                }
                int o = k * Boxes.COORDS;
                boxes[o] = anchorBox[0] * imageWidth;
                boxes[o + 1] = anchorBox[1] * imageHeight;
                boxes[o + 2] = anchorBox[2] * imageWidth;
                boxes[o + 3] = anchorBox[3] * imageHeight;
                scores[k] = sigmoid(logit);
                classIds[k] = classIdOfLabel[label];
                k++;
            }
        }
        return TeacherDetections.of(boxes, scores, classIds, classNames, settings, imageHeight, imageWidth);
    }

    private int countCandidates(float[] logits) {
        int count = 0;
        for (int i = 0, label = 0; i < logits.length; i++) {
            if (classIdOfLabel[label] >= 0 && logits[i] >= logitThreshold) {
                count++;
            }
            if (++label == labelCount) {
                label = 0;
            }
        }
        return count;
    }

    private static float sigmoid(float logit) {
        return (float) (1 / (1 + Math.exp(-logit)));
    }
}
