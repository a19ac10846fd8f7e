package dev.vigil.model.track;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the tracker remembers about one camera: its frame counter, the counter that issues track ids, and the
 * tracked and lost tracks. {@link TrackerStateCodec} turns it into bytes for a state store and back; a tracker given
 * the decoded state continues exactly as with the original. Mutable; not thread-safe.
 */
public final class TrackerState {

    long frame;
    long nextTrackId;
    final List<Tracklet> tracked;
    final List<Tracklet> lost;

    TrackerState(long frame, long nextTrackId, List<Tracklet> tracked, List<Tracklet> lost) {
        this.frame = frame;
        this.nextTrackId = nextTrackId;
        this.tracked = new ArrayList<>(tracked);
        this.lost = new ArrayList<>(lost);
    }

    /** A camera seen for the first time: frame 0, the first id 1. */
    public static TrackerState initial() {
        return startingAt(1);
    }

    /**
     * A camera seen for the first time whose first confirmed track gets {@code firstTrackId}.
     *
     * @throws IllegalArgumentException when {@code firstTrackId} is below 1
     */
    public static TrackerState startingAt(long firstTrackId) {
        if (firstTrackId < 1) {
            throw new IllegalArgumentException("track ids start at 1 or above, not " + firstTrackId);
        }
        return new TrackerState(0, firstTrackId, List.of(), List.of());
    }

    /** Frames the tracker has stepped through (observed or skipped). */
    public long frame() {
        return frame;
    }

    /** The id the next confirmed track gets; every id below it was issued once. */
    public long nextTrackId() {
        return nextTrackId;
    }

    /** Tracks kept: tracked (confirmed or not) and lost. */
    public int trackCount() {
        return tracked.size() + lost.size();
    }

    /** Confirmed tracks now tracked or lost, in track id order. */
    public List<TrackedObject> confirmedTracks() {
        List<TrackedObject> confirmed = new ArrayList<>();
        for (List<Tracklet> list : List.of(tracked, lost)) {
            for (Tracklet track : list) {
                if (track.confirmed) {
                    confirmed.add(track.snapshot(null));
                }
            }
        }
        confirmed.sort((a, b) -> Long.compare(a.trackId(), b.trackId()));
        return confirmed;
    }
}
