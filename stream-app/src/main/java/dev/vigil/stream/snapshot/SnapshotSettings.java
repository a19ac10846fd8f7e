package dev.vigil.stream.snapshot;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * What a snapshot exports.
 *
 * @param outDir           the dataset folder (created if missing; a second run into it resumes)
 * @param cameras          cameras to export; empty for all
 * @param fromTime         earliest capture time exported (inclusive), or null
 * @param toTime           capture times before this are exported (exclusive), or null
 * @param fromOffset       first offset read in every partition (inclusive), or null for the oldest
 * @param toOffset         offsets before this are read in every partition (exclusive), or null for the end of the
 *                         topic when the run starts
 */
public record SnapshotSettings(
        Path outDir,
        String framesTopic,
        String annotationsTopic,
        Set<String> cameras,
        Instant fromTime,
        Instant toTime,
        Long fromOffset,
        Long toOffset) {

    public SnapshotSettings {
        cameras = Set.copyOf(cameras);
        if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
            throw new IllegalArgumentException("--from " + fromTime + " must be before --to " + toTime);
        }
        if (fromOffset != null && toOffset != null && fromOffset >= toOffset) {
            throw new IllegalArgumentException(
                    "--from-offset " + fromOffset + " must be below --to-offset " + toOffset);
        }
        if (fromOffset != null && fromOffset < 0 || toOffset != null && toOffset < 0) {
            throw new IllegalArgumentException(
                    "Offsets must not be negative (--from-offset " + fromOffset + ", --to-offset " + toOffset + ")");
        }
    }

    /** {@link #fromTime} in epoch ms, or null. */
    public Long fromMillis() {
        return fromTime == null ? null : fromTime.toEpochMilli();
    }

    /** {@link #toTime} in epoch ms, or null. */
    public Long toMillis() {
        return toTime == null ? null : toTime.toEpochMilli();
    }

    /** Whether a frame of {@code cameraId} captured at {@code captureMillis} belongs to the export. */
    public boolean selects(String cameraId, long captureMillis) {
        return (cameras.isEmpty() || cameras.contains(cameraId))
                && (fromTime == null || captureMillis >= fromTime.toEpochMilli())
                && (toTime == null || captureMillis < toTime.toEpochMilli());
    }
}
