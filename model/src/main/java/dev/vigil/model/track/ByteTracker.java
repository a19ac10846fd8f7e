package dev.vigil.model.track;

import dev.vigil.model.track.Tracklet.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * ByteTrack's association ({@code BYTETracker.update} of {@code yolox/tracker/byte_tracker.py}), per class, on a
 * {@link TrackerState} kept by the caller. Stateless itself: one instance serves every camera. Deterministic: the same
 * state and detections give the same result and the same new state.
 */
public final class ByteTracker {

    /** No pair is allowed: boxes of different classes. */
    private static final double FORBIDDEN = Double.POSITIVE_INFINITY;

    private final TrackerSettings settings;

    public ByteTracker(TrackerSettings settings) {
        this.settings = settings;
    }

    public TrackerSettings settings() {
        return settings;
    }

    /**
     * One observed frame: associates its detections with the camera's tracks and updates {@code state}. An empty
     * list means "looked, saw nothing": tracked tracks become lost.
     *
     * @param detections the frame's detections (boxes that are not {@link DetectedBox#isTrackable() trackable} take no
     *     part)
     */
    public TrackingResult update(TrackerState state, List<DetectedBox> detections) {
        state.frame++;
        long frame = state.frame;
        List<Tracklet> activated = new ArrayList<>();
        List<Tracklet> refound = new ArrayList<>();
        List<Tracklet> lostNow = new ArrayList<>();
        List<Tracklet> removed = new ArrayList<>();
        List<Tracklet> confirmedNow = new ArrayList<>();
        for (List<Tracklet> list : List.of(state.tracked, state.lost)) {
            list.forEach(track -> track.detectionIndex = -1);
        }

        // The detections by score: high ones (first association, new tracks) and low ones (second association).
        List<Integer> high = new ArrayList<>();
        List<Integer> low = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            DetectedBox box = detections.get(i);
            if (!box.isTrackable()) {
                continue;
            }
            if (box.score() >= settings.highScore()) {
                high.add(i);
            } else if (box.score() > settings.lowScore()) {
                low.add(i);
            }
        }

        // Tracks born in the previous frame are unconfirmed; they are matched after the others.
        List<Tracklet> unconfirmed = new ArrayList<>();
        List<Tracklet> trackedConfirmed = new ArrayList<>();
        for (Tracklet track : state.tracked) {
            (track.confirmed ? trackedConfirmed : unconfirmed).add(track);
        }

        // Step 2: first association, with the high-score detection boxes.
        List<Tracklet> pool = joint(trackedConfirmed, state.lost);
        pool.forEach(Tracklet::predict);
        double[][] distances = iouDistance(pool, detections, high);
        if (settings.fuseScore()) {
            fuseScore(distances, detections, high);
        }
        int[] firstMatches = LinearAssignment.withCostLimit(distances, settings.firstMatchCost());
        boolean[] highTaken = new boolean[high.size()];
        List<Tracklet> unmatchedPool = new ArrayList<>();
        for (int t = 0; t < pool.size(); t++) {
            Tracklet track = pool.get(t);
            int d = firstMatches[t];
            if (d == LinearAssignment.UNASSIGNED) {
                unmatchedPool.add(track);
                continue;
            }
            highTaken[d] = true;
            boolean wasTracked = track.status == Status.TRACKED;
            track.match(detections.get(high.get(d)), high.get(d), frame);
            (wasTracked ? activated : refound).add(track);
        }

        // Step 3: second association, the tracked (not lost) tracks left with the low-score detection boxes.
        List<Tracklet> remainingTracked = new ArrayList<>();
        for (Tracklet track : unmatchedPool) {
            if (track.status == Status.TRACKED) {
                remainingTracked.add(track);
            }
        }
        int[] secondMatches = LinearAssignment.withCostLimit(
                iouDistance(remainingTracked, detections, low), settings.secondMatchCost());
        for (int t = 0; t < remainingTracked.size(); t++) {
            Tracklet track = remainingTracked.get(t);
            int d = secondMatches[t];
            if (d == LinearAssignment.UNASSIGNED) {
                track.status = Status.LOST; // mark_lost
                lostNow.add(track);
            } else {
                track.match(detections.get(low.get(d)), low.get(d), frame);
                activated.add(track);
            }
        }

        // Unconfirmed tracks (usually with one beginning frame) with the high detections left.
        List<Integer> highLeft = new ArrayList<>();
        for (int d = 0; d < high.size(); d++) {
            if (!highTaken[d]) {
                highLeft.add(high.get(d));
            }
        }
        distances = iouDistance(unconfirmed, detections, highLeft);
        if (settings.fuseScore()) {
            fuseScore(distances, detections, highLeft);
        }
        int[] unconfirmedMatches = LinearAssignment.withCostLimit(distances, settings.unconfirmedMatchCost());
        boolean[] leftTaken = new boolean[highLeft.size()];
        for (int t = 0; t < unconfirmed.size(); t++) {
            Tracklet track = unconfirmed.get(t);
            int d = unconfirmedMatches[t];
            if (d == LinearAssignment.UNASSIGNED) {
                removed.add(track); // mark_removed: never confirmed, so it never had an id
                continue;
            }
            leftTaken[d] = true;
            track.match(detections.get(highLeft.get(d)), highLeft.get(d), frame);
            activated.add(track);
            confirmIfDue(state, track, confirmedNow);
        }

        // Step 4: init new tracks from the high detections nobody took.
        for (int d = 0; d < highLeft.size(); d++) {
            DetectedBox box = detections.get(highLeft.get(d));
            if (leftTaken[d] || box.score() < settings.newTrackScore()) {
                continue;
            }
            Tracklet track = Tracklet.start(box, highLeft.get(d), frame);
            // ByteTrack confirms the tracks of a camera's first frame at once.
            if (frame == 1 || settings.confirmHits() == 1) {
                confirm(state, track, confirmedNow);
            }
            activated.add(track);
        }

        // Step 5: update state. Lost tracks not found for longer than the buffer are removed.
        List<TrackedObject> ended = new ArrayList<>();
        for (Tracklet track : state.lost) {
            if (track.status == Status.LOST && frame - track.frameId > settings.maxTimeLost()) {
                removed.add(track);
                ended.add(track.snapshot(null));
            }
        }
        List<Tracklet> tracked = new ArrayList<>();
        for (Tracklet track : state.tracked) {
            if (track.status == Status.TRACKED && !removed.contains(track)) {
                tracked.add(track);
            }
        }
        tracked = joint(joint(tracked, activated), refound);
        List<Tracklet> lost = subtract(state.lost, tracked);
        lost.addAll(lostNow);
        lost = subtract(lost, removed);
        removeDuplicates(tracked, lost, ended);
        state.tracked.clear();
        state.tracked.addAll(tracked);
        state.lost.clear();
        state.lost.addAll(lost);
        return result(state, detections, confirmedNow, ended);
    }

    /**
     * Time passes with nothing to match: {@code frames} frames were skipped (stale) or are missing (a gap). The
     * motion model moves every tracked and lost track on, and lost tracks age (those lost for longer than the buffer
     * are removed), but no track is marked lost for not being seen.
     *
     * @param frames at least 0; beyond the buffer, more prediction changes nothing that matters, so it is bounded
     */
    public TrackingResult advance(TrackerState state, long frames) {
        if (frames < 0) {
            throw new IllegalArgumentException("cannot advance by a negative number of frames: " + frames);
        }
        for (List<Tracklet> list : List.of(state.tracked, state.lost)) {
            list.forEach(track -> track.detectionIndex = -1);
        }
        state.frame += frames;
        long predictions = Math.min(frames, settings.maxTimeLost() + 1L);
        List<Tracklet> confirmedTracked = new ArrayList<>();
        for (Tracklet track : state.tracked) {
            if (track.confirmed) {
                confirmedTracked.add(track);
            }
        }
        for (Tracklet track : joint(confirmedTracked, state.lost)) {
            for (long p = 0; p < predictions; p++) {
                track.predict();
            }
        }
        List<TrackedObject> ended = new ArrayList<>();
        state.lost.removeIf(track -> {
            if (state.frame - track.frameId > settings.maxTimeLost()) {
                ended.add(track.snapshot(null));
                return true;
            }
            return false;
        });
        return new TrackingResult(state.frame, new long[0], List.of(), List.of(), sorted(ended));
    }

    private void confirmIfDue(TrackerState state, Tracklet track, List<Tracklet> confirmedNow) {
        if (!track.confirmed && track.hits >= settings.confirmHits()) {
            confirm(state, track, confirmedNow);
        }
    }

    /** The track is confirmed ({@code is_activated}) and takes the camera's next id. */
    private static void confirm(TrackerState state, Tracklet track, List<Tracklet> confirmedNow) {
        track.confirmed = true;
        track.trackId = state.nextTrackId++;
        confirmedNow.add(track);
    }

    private static TrackingResult result(
            TrackerState state, List<DetectedBox> detections, List<Tracklet> confirmedNow, List<TrackedObject> ended) {
        long[] trackIds = new long[detections.size()];
        List<TrackedObject> tracked = new ArrayList<>();
        List<TrackedObject> started = new ArrayList<>();
        for (Tracklet track : state.tracked) {
            if (track.confirmed && track.detectionIndex >= 0) {
                trackIds[track.detectionIndex] = track.trackId;
                TrackedObject object = track.snapshot(detections.get(track.detectionIndex));
                tracked.add(object);
                if (confirmedNow.contains(track)) {
                    started.add(object);
                }
            }
        }
        for (Tracklet track : confirmedNow) {
            if (!state.tracked.contains(track)) {
                // confirmed, then dropped as a duplicate in the same frame: it was never announced
                ended.removeIf(e -> e.trackId() == track.trackId);
            }
        }
        return new TrackingResult(state.frame, trackIds, sorted(tracked), sorted(started), sorted(ended));
    }

    private static List<TrackedObject> sorted(List<TrackedObject> objects) {
        objects.sort(Comparator.comparingLong(TrackedObject::trackId));
        return objects;
    }

    /**
     * {@code remove_duplicate_stracks}: a tracked and a lost track of one class on the same spot are one object; the
     * one tracked for the shorter time goes. A confirmed track that goes has ended.
     */
    private void removeDuplicates(List<Tracklet> tracked, List<Tracklet> lost, List<TrackedObject> ended) {
        double[][] distances = iouDistance(tracked, lost);
        boolean[] dropTracked = new boolean[tracked.size()];
        boolean[] dropLost = new boolean[lost.size()];
        for (int p = 0; p < tracked.size(); p++) {
            for (int q = 0; q < lost.size(); q++) {
                if (distances[p][q] < settings.duplicateDistance()) {
                    Tracklet a = tracked.get(p);
                    Tracklet b = lost.get(q);
                    if (a.frameId - a.startFrame > b.frameId - b.startFrame) {
                        dropLost[q] = true;
                    } else {
                        dropTracked[p] = true;
                    }
                }
            }
        }
        for (int q = lost.size() - 1; q >= 0; q--) {
            if (dropLost[q]) {
                Tracklet gone = lost.remove(q);
                if (gone.confirmed) {
                    ended.add(gone.snapshot(null));
                }
            }
        }
        for (int p = tracked.size() - 1; p >= 0; p--) {
            if (dropTracked[p]) {
                Tracklet gone = tracked.remove(p);
                if (gone.confirmed) {
                    ended.add(gone.snapshot(null));
                }
            }
        }
    }

    /** {@code matching.iou_distance} between tracks (their Kalman boxes) and the detections named by index. */
    private static double[][] iouDistance(List<Tracklet> tracks, List<DetectedBox> detections, List<Integer> indices) {
        double[][] distances = new double[tracks.size()][indices.size()];
        for (int t = 0; t < tracks.size(); t++) {
            Tracklet track = tracks.get(t);
            double[] box = track.corners();
            for (int d = 0; d < indices.size(); d++) {
                DetectedBox detection = detections.get(indices.get(d));
                distances[t][d] = detection.classId() != track.classId
                        ? FORBIDDEN
                        : 1
                                - Iou.of(
                                        box[0],
                                        box[1],
                                        box[2],
                                        box[3],
                                        detection.x1(),
                                        detection.y1(),
                                        detection.x2(),
                                        detection.y2());
            }
        }
        return distances;
    }

    /** {@code matching.iou_distance} between two lists of tracks. */
    private static double[][] iouDistance(List<Tracklet> a, List<Tracklet> b) {
        double[][] distances = new double[a.size()][b.size()];
        for (int i = 0; i < a.size(); i++) {
            double[] boxA = a.get(i).corners();
            for (int j = 0; j < b.size(); j++) {
                double[] boxB = b.get(j).corners();
                distances[i][j] = a.get(i).classId != b.get(j).classId
                        ? FORBIDDEN
                        : 1 - Iou.of(boxA[0], boxA[1], boxA[2], boxA[3], boxB[0], boxB[1], boxB[2], boxB[3]);
            }
        }
        return distances;
    }

    /** {@code matching.fuse_score}: distance 1 − IoU × score. */
    private static void fuseScore(double[][] distances, List<DetectedBox> detections, List<Integer> indices) {
        for (double[] row : distances) {
            for (int d = 0; d < indices.size(); d++) {
                row[d] = 1 - (1 - row[d]) * detections.get(indices.get(d)).score();
            }
        }
    }

    /** {@code joint_stracks}: a followed by the tracks of b not in a. */
    private static List<Tracklet> joint(List<Tracklet> a, List<Tracklet> b) {
        Map<Tracklet, Boolean> seen = new IdentityHashMap<>();
        List<Tracklet> joined = new ArrayList<>(a.size() + b.size());
        for (List<Tracklet> list : List.of(a, b)) {
            for (Tracklet track : list) {
                if (seen.put(track, Boolean.TRUE) == null) {
                    joined.add(track);
                }
            }
        }
        return joined;
    }

    /** {@code sub_stracks}: the tracks of a not in b. */
    private static List<Tracklet> subtract(List<Tracklet> a, List<Tracklet> b) {
        List<Tracklet> left = new ArrayList<>(a.size());
        for (Tracklet track : a) {
            if (!b.contains(track)) {
                left.add(track);
            }
        }
        return left;
    }
}
