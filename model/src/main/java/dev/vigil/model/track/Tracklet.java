package dev.vigil.model.track;

/**
 * One track ({@code STrack} of {@code byte_tracker.py}): its Kalman state, its class, and where it is in its life.
 * Mutable; lives in a {@link TrackerState}. Not thread-safe.
 */
final class Tracklet {

    /** ByteTrack's {@code TrackState} (New and Removed tracks are not kept). */
    enum Status {
        TRACKED,
        LOST
    }

    static final long NO_ID = 0;

    Status status;
    /** ByteTrack's {@code is_activated}: confirmed, and so has an id. */
    boolean confirmed;
    /** From the camera's counter when confirmed; {@link #NO_ID} before. */
    long trackId;

    final int classId;
    final double[] mean;
    final double[] covariance;
    /** The score of the last detection matched. */
    float score;
    /** The last frame a detection was matched ({@code frame_id}, i.e. {@code end_frame}). */
    long frameId;

    long startFrame;
    /** Frames matched in a row since the track started or was found again ({@code tracklet_len}). */
    int trackletLength;
    /** Detections matched in all; the track is confirmed at {@link TrackerSettings#confirmHits()}. */
    int hits;

    /** The detection matched in the current frame, or -1; not part of the stored state. */
    int detectionIndex = -1;

    Tracklet(
            Status status,
            boolean confirmed,
            long trackId,
            int classId,
            double[] mean,
            double[] covariance,
            float score,
            long frameId,
            long startFrame,
            int trackletLength,
            int hits) {
        this.status = status;
        this.confirmed = confirmed;
        this.trackId = trackId;
        this.classId = classId;
        this.mean = mean;
        this.covariance = covariance;
        this.score = score;
        this.frameId = frameId;
        this.startFrame = startFrame;
        this.trackletLength = trackletLength;
        this.hits = hits;
    }

    /** A new, unconfirmed track started by a detection ({@code STrack.activate} without the id). */
    static Tracklet start(DetectedBox box, int detectionIndex, long frame) {
        double[] mean = new double[KalmanFilter.MEAN_SIZE];
        double[] covariance = new double[KalmanFilter.COVARIANCE_SIZE];
        KalmanFilter.initiate(KalmanFilter.measurement(box), mean, covariance);
        Tracklet track = new Tracklet(
                Status.TRACKED, false, NO_ID, box.classId(), mean, covariance, box.score(), frame, frame, 0, 1);
        track.detectionIndex = detectionIndex;
        return track;
    }

    /** {@code STrack.predict}: a track not tracked now keeps its height still. */
    void predict() {
        if (status != Status.TRACKED) {
            mean[KalmanFilter.HEIGHT_VELOCITY] = 0;
        }
        KalmanFilter.predict(mean, covariance);
    }

    /** {@code STrack.update} (a tracked track matched) and {@code STrack.re_activate} (a lost one found again). */
    void match(DetectedBox box, int index, long frame) {
        KalmanFilter.update(mean, covariance, KalmanFilter.measurement(box));
        trackletLength = status == Status.LOST ? 0 : trackletLength + 1;
        status = Status.TRACKED;
        frameId = frame;
        score = box.score();
        hits++;
        detectionIndex = index;
    }

    /** {@code STrack.tlbr}: the box of the Kalman mean, x1, y1, x2, y2. */
    double[] corners() {
        return KalmanFilter.corners(mean);
    }

    TrackedObject snapshot(DetectedBox matched) {
        if (matched != null) {
            return new TrackedObject(
                    trackId, classId, score, matched.x1(), matched.y1(), matched.x2(), matched.y2(), detectionIndex);
        }
        double[] box = corners();
        return new TrackedObject(
                trackId, classId, score, (float) box[0], (float) box[1], (float) box[2], (float) box[3], -1);
    }
}
