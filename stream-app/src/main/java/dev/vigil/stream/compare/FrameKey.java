package dev.vigil.stream.compare;

import dev.vigil.schemas.DetectionEvent;

/**
 * One frame, as both a detection event and a snapshot's image name it: camera, sequence number and capture time (the
 * capture time tells apart frames whose camera restarted its numbering).
 */
public record FrameKey(String camera, long sequence, long captureMillis) {

    public static FrameKey of(DetectionEvent event) {
        return new FrameKey(
                event.getCameraId(),
                event.getFrameSequence(),
                event.getFrameTime().toEpochMilli());
    }
}
