package dev.vigil.stream.detect;

import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.Timings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the event for one frame, naming the model that made it: name, version and the digest of its weights. */
final class DetectionEvents {

    private final String modelName;
    private final String modelVersion;
    private final String modelDigest;

    DetectionEvents(ModelIdentity model) {
        this.modelName = model.name();
        this.modelVersion = model.version();
        this.modelDigest = model.digest();
    }

    /**
     * The event id is derived from camera, frame and model, so the same frame run by the same model always gets
     * the same id (subscribers can de-duplicate even across at-least-once deployments).
     */
    String eventId(Frame frame) {
        String name = frame.getCameraId() + "/" + frame.getFrameSequence() + "/" + modelName + ":" + modelVersion;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    DetectionEvent event(
            Frame frame, DetectionStatus status, List<Detection> detections, Timings timings, long detectionMillis) {
        return DetectionEvent.newBuilder()
                .setEventId(eventId(frame))
                .setCameraId(frame.getCameraId())
                .setFrameSequence(frame.getFrameSequence())
                .setFrameTime(frame.getCaptureTime())
                .setDetectionTime(Instant.ofEpochMilli(detectionMillis))
                .setImageWidth(frame.getWidth())
                .setImageHeight(frame.getHeight())
                .setModelName(modelName)
                .setModelVersion(modelVersion)
                .setModelDigest(modelDigest)
                .setStatus(status)
                .setTimings(timings)
                .setDetections(detections)
                .build();
    }
}
