package dev.vigil.stream.ingest;

/**
 * Thins a camera's frames to a target rate using their presentation timestamps, so sampling is the same on a
 * replay as it was live. Not thread-safe: one per camera.
 */
public final class FrameSampler {

    private final long intervalMicros;
    private long nextDueMicros = Long.MIN_VALUE;

    /** @param targetFps frames per second to keep; 0 or less keeps every frame */
    public FrameSampler(double targetFps) {
        this.intervalMicros = targetFps > 0 ? Math.round(1_000_000.0 / targetFps) : 0;
    }

    /** Whether the frame with this presentation time is kept. */
    public boolean keep(long ptsMicros) {
        if (intervalMicros == 0) {
            return true;
        }
        if (nextDueMicros == Long.MIN_VALUE || ptsMicros >= nextDueMicros) {
            long base = nextDueMicros == Long.MIN_VALUE ? ptsMicros : nextDueMicros;
            // Skip whole intervals after a gap so the sampler does not burst to catch up.
            long behind = Math.max(0, (ptsMicros - base) / intervalMicros);
            nextDueMicros = base + (behind + 1) * intervalMicros;
            return true;
        }
        return false;
    }

    /** Forgets the timeline, e.g. after a reconnect where timestamps restart. */
    public void reset() {
        nextDueMicros = Long.MIN_VALUE;
    }
}
