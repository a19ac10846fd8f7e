package dev.vigil.model.track;

/**
 * ByteTrack's parameters ({@code BYTETracker} and its {@code args}), by their meaning.
 *
 * @param highScore {@code track_thresh}: detections scoring at least this take part in the first association
 * @param lowScore detections scoring above this and below {@code highScore} take part in the second association
 *     (ByteTrack: 0.1)
 * @param newTrackScore {@code det_thresh}: an unmatched high detection starts a track only from this score
 *     (ByteTrack: {@code track_thresh} + 0.1)
 * @param firstMatchCost {@code match_thresh}: the largest IoU distance (fused with the score) of a first-association
 *     pair
 * @param secondMatchCost the largest IoU distance of a second-association pair (ByteTrack: 0.5)
 * @param unconfirmedMatchCost the largest distance between an unconfirmed track and a detection (ByteTrack: 0.7)
 * @param fuseScore {@code not mot20}: the distance of the high detections is 1 − IoU × score
 * @param maxTimeLost {@code max_time_lost}: frames a lost track waits to be found again before it is removed
 * @param confirmHits detections a track needs before it is confirmed and gets an id (ByteTrack: 2, the first frame
 *     and one more)
 * @param duplicateDistance tracked and lost tracks of one class whose boxes are closer than this IoU distance are
 *     duplicates; the younger one goes ({@code remove_duplicate_stracks}: 0.15)
 */
public record TrackerSettings(
        float highScore,
        float lowScore,
        float newTrackScore,
        double firstMatchCost,
        double secondMatchCost,
        double unconfirmedMatchCost,
        boolean fuseScore,
        int maxTimeLost,
        int confirmHits,
        double duplicateDistance) {

    /** ByteTrack's {@code track_buffer}: frames at 30 frames/s. */
    public static final int TRACK_BUFFER = 30;

    public TrackerSettings {
        if (!(lowScore >= 0 && lowScore <= highScore && highScore <= 1)) {
            throw new IllegalArgumentException(
                    "scores must satisfy 0 <= low (" + lowScore + ") <= high (" + highScore + ") <= 1");
        }
        if (!(newTrackScore >= 0 && newTrackScore <= 1)) {
            throw new IllegalArgumentException("new-track score must lie in [0, 1], got " + newTrackScore);
        }
        for (double cost : new double[] {firstMatchCost, secondMatchCost, unconfirmedMatchCost, duplicateDistance}) {
            if (!(cost > 0 && cost <= 1)) {
                throw new IllegalArgumentException("match distances must lie in (0, 1], got " + cost);
            }
        }
        if (maxTimeLost < 0) {
            throw new IllegalArgumentException("max time lost must be >= 0 frames, got " + maxTimeLost);
        }
        if (confirmHits < 1) {
            throw new IllegalArgumentException("a track needs at least 1 hit to be confirmed, got " + confirmHits);
        }
    }

    /** ByteTrack's defaults for a camera at {@code frameRate}: a lost track waits 30 frames at 30 frames/s. */
    public static TrackerSettings byteTrack(double frameRate) {
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        return new TrackerSettings(
                0.5f, 0.1f, 0.6f, 0.8, 0.5, 0.7, true, (int) (frameRate / 30.0 * TRACK_BUFFER), 2, 0.15);
    }

    public TrackerSettings withMaxTimeLost(int frames) {
        return new TrackerSettings(
                highScore,
                lowScore,
                newTrackScore,
                firstMatchCost,
                secondMatchCost,
                unconfirmedMatchCost,
                fuseScore,
                frames,
                confirmHits,
                duplicateDistance);
    }

    public TrackerSettings withScores(float high, float low, float newTrack) {
        return new TrackerSettings(
                high,
                low,
                newTrack,
                firstMatchCost,
                secondMatchCost,
                unconfirmedMatchCost,
                fuseScore,
                maxTimeLost,
                confirmHits,
                duplicateDistance);
    }

    public TrackerSettings withConfirmHits(int hits) {
        return new TrackerSettings(
                highScore,
                lowScore,
                newTrackScore,
                firstMatchCost,
                secondMatchCost,
                unconfirmedMatchCost,
                fuseScore,
                maxTimeLost,
                hits,
                duplicateDistance);
    }
}
