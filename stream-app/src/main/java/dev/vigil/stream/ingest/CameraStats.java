package dev.vigil.stream.ingest;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of one camera, updated by its reader thread and read by anyone. */
public final class CameraStats {

    final AtomicLong framesDecoded = new AtomicLong();
    final AtomicLong framesSampledOut = new AtomicLong();
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong framesDropped = new AtomicLong();
    final AtomicLong framesQueueFull = new AtomicLong();
    final AtomicReference<String> lastLoss = new AtomicReference<>();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong lastFrameWallMillis = new AtomicLong();
    final AtomicBoolean streaming = new AtomicBoolean();

    /** Frames the decoder delivered. */
    public long framesDecoded() {
        return framesDecoded.get();
    }

    /** Frames left out by the target-fps sampler. */
    public long framesSampledOut() {
        return framesSampledOut.get();
    }

    /** Frames acknowledged by Kafka. */
    public long framesSent() {
        return framesSent.get();
    }

    /** Frames lost after decoding: too large for the topic, or the send failed (Kafka refused them, timed out). */
    public long framesDropped() {
        return framesDropped.get();
    }

    /** Frames of a live camera dropped, oldest first, while Kafka did not keep up and the send queue was full. */
    public long framesQueueFull() {
        return framesQueueFull.get();
    }

    /** Every frame lost after decoding, for whatever reason. */
    public long framesLost() {
        return framesDropped.get() + framesQueueFull.get();
    }

    /** Why the last lost frame was lost, if any was. */
    public java.util.Optional<String> lastLoss() {
        return java.util.Optional.ofNullable(lastLoss.get());
    }

    /** Times the stream was opened again after a failure or stall. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Whether the camera's stream is open now. */
    public boolean streaming() {
        return streaming.get();
    }

    /** Milliseconds since the last decoded frame, or -1 before the first. */
    public long lastFrameAgeMillis(long nowMillis) {
        long last = lastFrameWallMillis.get();
        return last == 0 ? -1 : nowMillis - last;
    }
}
