package dev.vigil.stream.detect;

import dev.vigil.model.image.ImageSize;
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
     * The event id is derived from the frame's identity (camera, ingest run, sequence: unique across ingest
     * restarts) and the model (name, version and the digest of its weights, so two different weights published
     * under one name and version never share ids), so the same frame run by the same model always gets the same id
     * (subscribers can de-duplicate even across at-least-once deployments), and two frames never share one. Frames
     * written before they carried an ingest run id keep the id they always had (camera, sequence, name:version).
     */
    String eventId(Frame frame) {
        String runId = frame.getIngestRunId();
        String name = runId.isEmpty()
                ? frame.getCameraId() + "/" + frame.getFrameSequence() + "/" + modelName + ":" + modelVersion
                : frame.getCameraId() + "/" + runId + "/" + frame.getFrameSequence() + "/" + modelName + ":"
                        + modelVersion + "@" + modelDigest;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** @param imageSize the image's real size where it was decoded, else null: the size the frame declares */
    DetectionEvent event(
            Frame frame,
            DetectionStatus status,
            List<Detection> detections,
            Timings timings,
            ImageSize imageSize,
            long detectionMillis) {
        return DetectionEvent.newBuilder()
                .setEventId(eventId(frame))
                .setCameraId(frame.getCameraId())
                .setFrameSequence(frame.getFrameSequence())
                .setIngestRunId(frame.getIngestRunId())
                .setFrameTime(frame.getCaptureTime())
                .setDetectionTime(Instant.ofEpochMilli(detectionMillis))
                .setImageWidth(imageSize != null ? imageSize.width() : frame.getWidth())
                .setImageHeight(imageSize != null ? imageSize.height() : frame.getHeight())
                .setModelName(modelName)
                .setModelVersion(modelVersion)
                .setModelDigest(modelDigest)
                .setStatus(status)
                .setTimings(timings)
                .setDetections(detections)
                .build();
    }
}
