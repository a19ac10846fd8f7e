package dev.vigil.stream.consume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Timings;
import java.io.UncheckedIOException;

/**
 * A {@link DetectionEvent} as one line of plain JSON: the schema's snake_case field names, times in ISO-8601 (UTC),
 * each box as {@code [x1, y1, x2, y2]} in source-image pixels.
 */
public final class DetectionEventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DetectionEventJson() {}

    /** The event as a JSON object. */
    public static ObjectNode toJson(DetectionEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("event_id", event.getEventId());
        json.put("camera_id", event.getCameraId());
        json.put("frame_sequence", event.getFrameSequence());
        json.put("frame_time", event.getFrameTime().toString());
        json.put("detection_time", event.getDetectionTime().toString());
        json.put("image_width", event.getImageWidth());
        json.put("image_height", event.getImageHeight());
        json.put("model_name", event.getModelName());
        json.put("model_version", event.getModelVersion());
        json.put("status", event.getStatus().name());
        Timings timings = event.getTimings();
        ObjectNode t = json.putObject("timings");
        t.put("queue_ms", timings.getQueueMs());
        t.put("inference_ms", timings.getInferenceMs());
        t.put("batch_size", timings.getBatchSize());
        ArrayNode detections = json.putArray("detections");
        for (Detection d : event.getDetections()) {
            ObjectNode o = detections.addObject();
            o.put("class_id", d.getClassId());
            o.put("label", d.getLabel());
            o.put("score", d.getScore());
            o.putArray("box").add(d.getX1()).add(d.getY1()).add(d.getX2()).add(d.getY2());
        }
        return json;
    }

    /** The event as one line of JSON (no line break inside). */
    public static String toJsonLine(DetectionEvent event) {
        try {
            return MAPPER.writeValueAsString(toJson(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Event " + event.getEventId() + " cannot be written as JSON", e);
        }
    }
}
