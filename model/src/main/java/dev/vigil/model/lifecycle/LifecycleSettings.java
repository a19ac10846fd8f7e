package dev.vigil.model.lifecycle;

/**
 * When an object counts as standing still, and when a better view is worth an update.
 *
 * @param stationaryMillis how long its box must stay put (Frigate: 10 s at its default 5 fps, 50 frames)
 * @param stationaryIou how much its box must overlap the box it had when it stopped
 * @param snapshotImprovement how much higher a score must be than the last one announced to be a better snapshot
 */
public record LifecycleSettings(long stationaryMillis, double stationaryIou, float snapshotImprovement) {

    public static final LifecycleSettings DEFAULTS = new LifecycleSettings(10_000, 0.6, 0.05f);

    public LifecycleSettings {
        if (stationaryMillis <= 0) {
            throw new IllegalArgumentException("stationary time must be positive, got " + stationaryMillis + " ms");
        }
        if (!(stationaryIou > 0 && stationaryIou <= 1)) {
            throw new IllegalArgumentException("stationary IoU must lie in (0, 1], got " + stationaryIou);
        }
        if (!(snapshotImprovement >= 0)) {
            throw new IllegalArgumentException("snapshot improvement must be >= 0, got " + snapshotImprovement);
        }
    }
}
