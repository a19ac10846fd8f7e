package dev.vigil.model.teacher;

import dev.vigil.model.box.Boxes;
import dev.vigil.model.box.Nms;
import dev.vigil.model.detector.DetectedObject;
import java.util.ArrayList;
import java.util.List;

/** The last step every teacher's postprocessor shares: boxes clipped to the image, specks dropped, NMS per class. */
final class TeacherDetections {

    /** Boxes narrower or lower than this many pixels after clipping are not labels. */
    static final float MIN_BOX_SIDE_PIXELS = 1f;

    private TeacherDetections() {}

    /**
     * @param boxes x1, y1, x2, y2 per candidate in the image's pixels (clipped in place)
     * @param scores one per candidate
     * @param classIds one per candidate, 1-based into {@code classNames}
     * @return detections by decreasing score, at most {@link TeacherSettings#maxDetections()}
     */
    static List<DetectedObject> of(
            float[] boxes,
            float[] scores,
            int[] classIds,
            List<String> classNames,
            TeacherSettings settings,
            int imageHeight,
            int imageWidth) {
        Boxes.clipToImage(boxes, imageHeight, imageWidth);
        int[] sized = Boxes.keepMinSize(boxes, MIN_BOX_SIDE_PIXELS);
        float[] keptBoxes = Boxes.selectBoxes(boxes, sized);
        float[] keptScores = Boxes.selectValues(scores, sized);
        int[] keptClasses = Boxes.selectValues(classIds, sized);
        int[] keep = Nms.batchedNms(
                keptBoxes, keptScores, keptClasses, settings.nmsIouThreshold(), settings.maxDetections());
        List<DetectedObject> detections = new ArrayList<>(keep.length);
        for (int i : keep) {
            int o = i * Boxes.COORDS;
            detections.add(new DetectedObject(
                    keptClasses[i],
                    classNames.get(keptClasses[i] - 1),
                    keptScores[i],
                    keptBoxes[o],
                    keptBoxes[o + 1],
                    keptBoxes[o + 2],
                    keptBoxes[o + 3]));
        }
        return detections;
    }
}
