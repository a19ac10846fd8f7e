package dev.vigil.model.teacher;

/**
 * The numbers of the teacher's post-processing and its run time.
 *
 * @param scoreThreshold a pseudo-label needs a class probability of at least this
 * @param nmsIouThreshold a box overlapping a higher-scoring box of its Vigil class with IoU above this is dropped
 * @param maxDetections at most this many pseudo-labels per image (the highest scoring)
 * @param threads CPU threads TensorFlow Lite may use
 */
public record TeacherSettings(float scoreThreshold, float nmsIouThreshold, int maxDetections, int threads) {

    /**
     * Default score threshold: 0.4. On hand-checked vtest.avi persons the SSD's precision / recall are 0.50 / 0.89
     * at 0.3, 0.83 / 0.83 at 0.4 and 0.95 / 0.60 at 0.5 (shared/FACTS.md).
     */
    public static final float DEFAULT_SCORE_THRESHOLD = 0.4f;
    /**
     * NMS IoU threshold: 0.5, torchvision's box-head NMS (the student's own). The TF Object Detection API's SSD
     * configs use 0.6, which leaves a second box on single people in vtest.avi (IoU 0.53 with the first).
     */
    public static final float DEFAULT_NMS_IOU_THRESHOLD = 0.5f;
    /** {@code max_total_detections} of the same configs: 100. */
    public static final int DEFAULT_MAX_DETECTIONS = 100;

    public TeacherSettings {
        if (!(scoreThreshold >= 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("teacher score threshold must be in [0, 1), got " + scoreThreshold);
        }
        if (!(nmsIouThreshold >= 0 && nmsIouThreshold <= 1)) {
            throw new IllegalArgumentException("teacher NMS IoU threshold must be in [0, 1], got " + nmsIouThreshold);
        }
        if (maxDetections <= 0) {
            throw new IllegalArgumentException("teacher maxDetections must be positive, got " + maxDetections);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("teacher threads must be positive, got " + threads);
        }
    }

    /** The defaults, with one thread per available processor. */
    public static TeacherSettings defaults() {
        return new TeacherSettings(
                DEFAULT_SCORE_THRESHOLD,
                DEFAULT_NMS_IOU_THRESHOLD,
                DEFAULT_MAX_DETECTIONS,
                Runtime.getRuntime().availableProcessors());
    }

    public TeacherSettings withScoreThreshold(float threshold) {
        return new TeacherSettings(threshold, nmsIouThreshold, maxDetections, threads);
    }

    public TeacherSettings withNmsIouThreshold(float threshold) {
        return new TeacherSettings(scoreThreshold, threshold, maxDetections, threads);
    }

    public TeacherSettings withThreads(int count) {
        return new TeacherSettings(scoreThreshold, nmsIouThreshold, maxDetections, count);
    }
}
