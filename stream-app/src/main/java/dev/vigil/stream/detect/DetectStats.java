package dev.vigil.stream.detect;

import dev.vigil.stream.metrics.Histogram;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the detect application, shared by its stream threads. */
public final class DetectStats {

    final AtomicLong framesDetected = new AtomicLong();
    final AtomicLong framesSkippedStale = new AtomicLong();
    final AtomicLong framesDeadLettered = new AtomicLong();
    final AtomicLong framesFailed = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    /** Seconds per detector call (one micro-batch, decoding included). */
    final Histogram batchSeconds = new Histogram(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
    /** Seconds from a frame's capture to its OK event. */
    final Histogram captureToEventSeconds = new Histogram(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60);

    /** Frames run through the detector with an OK event. */
    public long framesDetected() {
        return framesDetected.get();
    }

    /** Frames too old when their turn came, reported as SKIPPED_STALE. */
    public long framesSkippedStale() {
        return framesSkippedStale.get();
    }

    /** Frames sent to the dead-letter topic (unreadable or undecodable). */
    public long framesDeadLettered() {
        return framesDeadLettered.get();
    }

    /** Frames on which the detector itself failed (FAILED events; also dead-lettered). */
    public long framesFailed() {
        return framesFailed.get();
    }

    /** Detector calls. */
    public long batches() {
        return batches.get();
    }

    /** The durations of the detector calls. */
    public Histogram.Snapshot batchSeconds() {
        return batchSeconds.snapshot();
    }

    /** The capture-to-event latencies of the frames with OK events. */
    public Histogram.Snapshot captureToEventSeconds() {
        return captureToEventSeconds.snapshot();
    }
}
