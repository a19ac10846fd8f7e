package dev.vigil.stream.detect;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the detect application, shared by its stream threads. */
public final class DetectStats {

    final AtomicLong framesDetected = new AtomicLong();
    final AtomicLong framesSkippedStale = new AtomicLong();
    final AtomicLong framesDeadLettered = new AtomicLong();
    final AtomicLong framesFailed = new AtomicLong();
    final AtomicLong batches = new AtomicLong();

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
}
