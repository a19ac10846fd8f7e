package dev.vigil.model.track;

import java.util.List;

/**
 * What one step of the tracker did.
 *
 * @param frame the tracker's frame counter after the step (1 for a camera's first frame)
 * @param trackIds for each detection given, the id of the confirmed track that took it, or {@link #NO_TRACK}
 * @param tracked the confirmed tracks that took a detection in this frame, in track id order
 * @param started the tracks confirmed in this step (they are in {@code tracked} too)
 * @param ended the confirmed tracks removed in this step: lost for longer than the buffer, or merged into a duplicate
 */
public record TrackingResult(
        long frame,
        long[] trackIds,
        List<TrackedObject> tracked,
        List<TrackedObject> started,
        List<TrackedObject> ended) {

    public static final long NO_TRACK = 0;

    public TrackingResult {
        tracked = List.copyOf(tracked);
        started = List.copyOf(started);
        ended = List.copyOf(ended);
    }

    /** The track id of detection {@code index}, or null when no confirmed track took it (as Avro's nullable long). */
    public Long trackIdOf(int index) {
        return trackIds[index] == NO_TRACK ? null : trackIds[index];
    }
}
