package dev.vigil.stream.ingest;

import java.time.Duration;

/**
 * How far a live stream has fallen behind real time: the wall time passed since a reference frame less the stream time
 * (presentation time) passed since it. A camera that sends steadily stays near zero; a stalled server that still lets
 * a frame trickle through now and then falls behind by the length of the stall, although no single gap between two
 * frames is long. Frames that arrive early (a burst after a hiccup, a jump in the stream's clock) move the reference,
 * so the lag is never negative. Not thread-safe: one per reader.
 */
final class StreamLag {

    private boolean started;
    private long referenceWallNanos;
    private long referencePtsMicros;

    /** The lag at this frame, given the wall clock when it arrived and its presentation time. */
    Duration observe(long wallNanos, long ptsMicros) {
        long lagNanos = started ? (wallNanos - referenceWallNanos) - (ptsMicros - referencePtsMicros) * 1_000 : 0;
        if (!started || lagNanos < 0) {
            started = true;
            referenceWallNanos = wallNanos;
            referencePtsMicros = ptsMicros;
            lagNanos = 0;
        }
        return Duration.ofNanos(lagNanos);
    }

    /** Forgets the reference: the stream was opened again. */
    void reset() {
        started = false;
    }
}
