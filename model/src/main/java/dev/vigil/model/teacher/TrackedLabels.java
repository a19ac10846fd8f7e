package dev.vigil.model.teacher;

import dev.vigil.model.box.BoxIou;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.track.ByteTracker;
import dev.vigil.model.track.DetectedBox;
import dev.vigil.model.track.TrackerSettings;
import dev.vigil.model.track.TrackerState;
import dev.vigil.model.track.TrackingResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cleans a teacher's labels of one camera's consecutive frames by tracking them, ByteTrack's idea applied offline to
 * pseudo-labels: the teacher's boxes down to a low score are tracked per class ({@link ByteTracker}, forward and then
 * backward over the frames, so that a track's first boxes count too); a track starts only from a box at its class's
 * threshold, and a low-score box a track takes is an object the teacher was unsure of: a positive label. A confident
 * box on no track (seen in no other frame) becomes an ignore region (COCO iscrowd): maybe an object, so not taught as
 * background; a low-score box on no track is dropped (the teacher's low-score boxes on no object are where the student
 * learns what is not a person), or made an ignore region as well when asked. Where a track found no box for up to
 * {@code maxGap} frames between two that have it, a box interpolated between them is filled in as a positive
 * (ByteTrack's linear interpolation of tracks). Boxes scoring under the low score are dropped; boxes already ignore
 * regions are kept as they are.
 */
public final class TrackedLabels {

    /** ByteTrack's low score: detections above it take part in the second association. */
    public static final float DEFAULT_LOW_SCORE = 0.1f;
    /** Longest run of frames a track may miss and still be filled in. */
    public static final int DEFAULT_MAX_GAP = 10;
    /** A filled box this close (IoU) to a positive box of its class in that frame is that box, not filled. */
    static final float FILL_DUPLICATE_IOU = 0.5f;

    private final ClassThresholds thresholds;
    private final float lowScore;
    private final int maxGap;
    private final boolean betweenOnly;
    private final boolean ignoreUntracked;

    /**
     * @param thresholds each class's score from which a box may start a track (the labels' threshold)
     * @param lowScore boxes scoring at least this take part: taken by a track they are positives
     * @param maxGap longest run of missed frames filled in along a track (0: none)
     * @param betweenOnly a low-score box is a label only when taken by a track going forward and one going backward
     *     (confident boxes of the object before and after it), not by one of them alone
     * @param ignoreUntracked a low-score box on no track becomes an ignore region too; else it is dropped (taught as
     *     background)
     */
    public TrackedLabels(
            ClassThresholds thresholds, float lowScore, int maxGap, boolean betweenOnly, boolean ignoreUntracked) {
        if (!(lowScore > 0 && lowScore < 1) || maxGap < 0) {
            throw new IllegalArgumentException(
                    "the low score must lie in (0, 1) and the gap be at least 0, got " + lowScore + ", " + maxGap);
        }
        this.thresholds = thresholds;
        this.lowScore = lowScore;
        this.maxGap = maxGap;
        this.betweenOnly = betweenOnly;
        this.ignoreUntracked = ignoreUntracked;
    }

    /**
     * What cleaning did: the images with their new boxes, the positives at their class's threshold ({@code kept}),
     * those under it that a track took ({@code recovered}), the boxes made ignore regions, and the boxes filled in.
     */
    public record Result(List<AnnotatedImage> images, int kept, int recovered, int ignored, int filled) {}

    /** Cleans {@code frames}, consecutive frames of one camera in capture order, whose categories are these. */
    public Result clean(List<AnnotatedImage> frames, List<Category> categories) {
        int n = frames.size();
        boolean[][] forwardTrack = new boolean[n][];
        boolean[][] backwardTrack = new boolean[n][];
        for (int t = 0; t < n; t++) {
            forwardTrack[t] = new boolean[frames.get(t).boxes().size()];
            backwardTrack[t] = new boolean[frames.get(t).boxes().size()];
        }
        List<List<GroundTruthBox>> fills = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            fills.add(new ArrayList<>());
        }
        for (Category category : categories) {
            float high = Math.max(thresholds.of(category.name()), lowScore);
            Map<Long, List<Observation>> forward = track(frames, category.id(), high, false, forwardTrack);
            track(frames, category.id(), high, true, backwardTrack);
            if (maxGap > 0) {
                forward.values().forEach(observations -> fillGaps(observations, fills));
            }
        }
        List<AnnotatedImage> out = new ArrayList<>(n);
        int kept = 0;
        int recovered = 0;
        int ignored = 0;
        int filled = 0;
        for (int t = 0; t < n; t++) {
            AnnotatedImage frame = frames.get(t);
            List<GroundTruthBox> boxes = new ArrayList<>();
            List<GroundTruthBox> positives = new ArrayList<>();
            for (int i = 0; i < frame.boxes().size(); i++) {
                GroundTruthBox box = frame.boxes().get(i);
                if (box.crowd()) {
                    boxes.add(box);
                } else if (box.score() >= thresholdOf(box.categoryId(), categories)
                        && (forwardTrack[t][i] || backwardTrack[t][i])) {
                    boxes.add(box);
                    positives.add(box);
                    kept++;
                } else if (betweenOnly
                        ? forwardTrack[t][i] && backwardTrack[t][i]
                        : forwardTrack[t][i] || backwardTrack[t][i]) {
                    // a low-score box between confident boxes of one object, before and after it
                    boxes.add(box);
                    positives.add(box);
                    recovered++;
                } else if (box.score() >= thresholdOf(box.categoryId(), categories)
                        || (ignoreUntracked && box.score() >= lowScore)) {
                    boxes.add(new GroundTruthBox(
                            box.x1(), box.y1(), box.x2(), box.y2(), box.categoryId(), true, box.area(), box.score()));
                    ignored++;
                }
            }
            for (GroundTruthBox fill : fills.get(t)) {
                if (!overlapsAny(fill, positives)) {
                    boxes.add(fill);
                    positives.add(fill);
                    filled++;
                }
            }
            out.add(new AnnotatedImage(frame.id(), frame.fileName(), frame.width(), frame.height(), boxes));
        }
        return new Result(out, kept, recovered, ignored, filled);
    }

    /** A box a track took in frame {@code t}. */
    private record Observation(int t, GroundTruthBox box) {}

    /**
     * Tracks the boxes of one category through the frames (backward when {@code reverse}), marks those a confirmed
     * track took in {@code onTrack}, and returns each track's boxes in frame order.
     */
    private Map<Long, List<Observation>> track(
            List<AnnotatedImage> frames, int categoryId, float high, boolean reverse, boolean[][] onTrack) {
        TrackerSettings byteTrack = TrackerSettings.byteTrack(TrackerSettings.TRACK_BUFFER);
        // a track starts from a box at the class's threshold (ByteTrack: 0.1 above it, for detection, not labels)
        TrackerSettings settings = new TrackerSettings(
                high,
                lowScore,
                high,
                byteTrack.firstMatchCost(),
                byteTrack.secondMatchCost(),
                byteTrack.unconfirmedMatchCost(),
                byteTrack.fuseScore(),
                Math.max(maxGap, byteTrack.maxTimeLost()),
                byteTrack.confirmHits(),
                byteTrack.duplicateDistance());
        ByteTracker tracker = new ByteTracker(settings);
        TrackerState state = TrackerState.initial();
        // ByteTrack confirms the tracks of a camera's first frame at once; here a track needs two boxes everywhere
        tracker.update(state, List.of());
        Map<Long, List<Observation>> tracks = new HashMap<>();
        int n = frames.size();
        for (int step = 0; step < n; step++) {
            int t = reverse ? n - 1 - step : step;
            List<GroundTruthBox> frameBoxes = frames.get(t).boxes();
            List<DetectedBox> detections = new ArrayList<>();
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < frameBoxes.size(); i++) {
                GroundTruthBox box = frameBoxes.get(i);
                if (!box.crowd() && box.categoryId() == categoryId && box.score() >= lowScore) {
                    detections.add(new DetectedBox(categoryId, box.score(), box.x1(), box.y1(), box.x2(), box.y2()));
                    indices.add(i);
                }
            }
            TrackingResult result = tracker.update(state, detections);
            for (int d = 0; d < detections.size(); d++) {
                long id = result.trackIds()[d];
                if (id != TrackingResult.NO_TRACK) {
                    onTrack[t][indices.get(d)] = true;
                    tracks.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new Observation(t, frameBoxes.get(indices.get(d))));
                }
            }
        }
        return tracks;
    }

    /** Boxes interpolated between a track's boxes {@code maxGap} or fewer frames apart, added to their frames. */
    private void fillGaps(List<Observation> observations, List<List<GroundTruthBox>> fills) {
        for (int k = 1; k < observations.size(); k++) {
            Observation a = observations.get(k - 1);
            Observation b = observations.get(k);
            int gap = b.t() - a.t() - 1;
            if (gap < 1 || gap > maxGap) {
                continue;
            }
            for (int t = a.t() + 1; t < b.t(); t++) {
                float w = (float) (t - a.t()) / (b.t() - a.t());
                fills.get(t).add(between(a.box(), b.box(), w));
            }
        }
    }

    private static GroundTruthBox between(GroundTruthBox a, GroundTruthBox b, float w) {
        float x1 = a.x1() + (b.x1() - a.x1()) * w;
        float y1 = a.y1() + (b.y1() - a.y1()) * w;
        float x2 = a.x2() + (b.x2() - a.x2()) * w;
        float y2 = a.y2() + (b.y2() - a.y2()) * w;
        return new GroundTruthBox(
                x1, y1, x2, y2, a.categoryId(), false, (double) (x2 - x1) * (y2 - y1), Math.min(a.score(), b.score()));
    }

    private static boolean overlapsAny(GroundTruthBox box, List<GroundTruthBox> others) {
        float[] one = {box.x1(), box.y1(), box.x2(), box.y2()};
        for (GroundTruthBox other : others) {
            if (other.categoryId() == box.categoryId()
                    && BoxIou.matrix(one, new float[] {other.x1(), other.y1(), other.x2(), other.y2()})[0]
                            >= FILL_DUPLICATE_IOU) {
                return true;
            }
        }
        return false;
    }

    private float thresholdOf(int categoryId, List<Category> categories) {
        for (Category category : categories) {
            if (category.id() == categoryId) {
                return thresholds.of(category.name());
            }
        }
        return thresholds.fallback();
    }
}
