package dev.vigil.model.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.detector.DetectedObject;
import java.util.List;

/**
 * One JSON line per image: {@code {"image": ..., "detections": [{"label", "class_id", "score",
 * "box": [x1, y1, x2, y2]}]}}, boxes in the image's pixels.
 */
final class DetectionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DetectionJson() {}

    static String line(String image, List<DetectedObject> detections) {
        ObjectNode root = JSON.createObjectNode();
        root.put("image", image);
        ArrayNode list = root.putArray("detections");
        for (DetectedObject d : detections) {
            ObjectNode node = list.addObject();
            node.put("label", d.label());
            node.put("class_id", d.classId());
            node.put("score", d.score());
            node.putArray("box").add(d.x1()).add(d.y1()).add(d.x2()).add(d.y2());
        }
        return root.toString();
    }
}
