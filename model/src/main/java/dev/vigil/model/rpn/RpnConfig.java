package dev.vigil.model.rpn;

/**
 * Numbers of the region proposal network. Top-N values are per image; pre-NMS top-N applies per feature level.
 *
 * @param preNmsTopNTrain anchors kept per level, by objectness, before NMS while training
 * @param preNmsTopNTest same at test time
 * @param postNmsTopNTrain proposals kept per image after NMS while training
 * @param postNmsTopNTest same at test time (the paper evaluates with 300)
 * @param nmsThreshold IoU above which a proposal is suppressed by a better one of the same level
 * @param scoreThreshold proposals with objectness probability below this are dropped
 * @param minSize proposals with a side below this (pixels of the resized image) are dropped
 * @param fgIouThreshold training: anchors with IoU >= this with a ground-truth box are positive
 * @param bgIouThreshold training: anchors with IoU below this with every ground-truth box are negative
 * @param batchSizePerImage training: anchors sampled per image for the loss
 * @param positiveFraction training: at most this fraction of the sampled anchors are positive
 */
public record RpnConfig(
        int preNmsTopNTrain,
        int preNmsTopNTest,
        int postNmsTopNTrain,
        int postNmsTopNTest,
        double nmsThreshold,
        float scoreThreshold,
        float minSize,
        double fgIouThreshold,
        double bgIouThreshold,
        int batchSizePerImage,
        double positiveFraction) {

    /** torchvision's {@code rpn_pre_nms_top_n_train}. */
    public static final int TORCHVISION_PRE_NMS_TOP_N_TRAIN = 2000;
    /** torchvision's {@code rpn_pre_nms_top_n_test}. */
    public static final int TORCHVISION_PRE_NMS_TOP_N_TEST = 1000;
    /** torchvision's {@code rpn_post_nms_top_n_train}. */
    public static final int TORCHVISION_POST_NMS_TOP_N_TRAIN = 2000;
    /** torchvision's {@code rpn_post_nms_top_n_test}. */
    public static final int TORCHVISION_POST_NMS_TOP_N_TEST = 1000;
    /** The paper (section 3.3) and torchvision: NMS at IoU 0.7 on the proposals. */
    public static final double NMS_THRESHOLD = 0.7;
    /** torchvision's {@code rpn_score_thresh}: keep every score. */
    public static final float SCORE_THRESHOLD = 0.0f;
    /** torchvision's {@code RegionProposalNetwork.min_size}. */
    public static final float MIN_SIZE = 1e-3f;
    /** The paper's positive anchor IoU (section 3.1.2). */
    public static final double FG_IOU_THRESHOLD = 0.7;
    /** The paper's negative anchor IoU. */
    public static final double BG_IOU_THRESHOLD = 0.3;
    /** The paper's mini-batch: 256 anchors per image. */
    public static final int BATCH_SIZE_PER_IMAGE = 256;
    /** The paper's up-to-1:1 positive:negative ratio. */
    public static final double POSITIVE_FRACTION = 0.5;
    /** The paper trains the detector on 2000 proposals per image (section 3.3). */
    public static final int PAPER_POST_NMS_TOP_N_TRAIN = 2000;
    /** The paper's test-time proposals per image (section 3.3, "N = 300"). */
    public static final int PAPER_POST_NMS_TOP_N_TEST = 300;
    /** Pre-NMS top-N of the paper's released code (py-faster-rcnn RPN_PRE_NMS_TOP_N, train). */
    public static final int PAPER_PRE_NMS_TOP_N_TRAIN = 12000;
    /** Pre-NMS top-N of the paper's released code (py-faster-rcnn RPN_PRE_NMS_TOP_N, test). */
    public static final int PAPER_PRE_NMS_TOP_N_TEST = 6000;

    public RpnConfig {
        if (preNmsTopNTrain <= 0 || preNmsTopNTest <= 0 || postNmsTopNTrain <= 0 || postNmsTopNTest <= 0) {
            throw new IllegalArgumentException("RPN top-N values must be positive, got pre " + preNmsTopNTrain + "/"
                    + preNmsTopNTest + ", post " + postNmsTopNTrain + "/" + postNmsTopNTest);
        }
        if (!(nmsThreshold >= 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("RPN nmsThreshold must be in [0, 1], got " + nmsThreshold);
        }
        if (Float.isNaN(scoreThreshold) || !(minSize >= 0)) {
            throw new IllegalArgumentException(
                    "RPN scoreThreshold must be a number and minSize >= 0, got " + scoreThreshold + ", " + minSize);
        }
        if (!(bgIouThreshold <= fgIouThreshold)) {
            throw new IllegalArgumentException(
                    "RPN bgIouThreshold " + bgIouThreshold + " must not exceed fgIouThreshold " + fgIouThreshold);
        }
        if (batchSizePerImage <= 0 || !(positiveFraction >= 0 && positiveFraction <= 1)) {
            throw new IllegalArgumentException(
                    "RPN batchSizePerImage must be positive and positiveFraction in [0, 1], got " + batchSizePerImage
                            + ", " + positiveFraction);
        }
    }

    /** torchvision's {@code FasterRCNN} defaults: pre-NMS 2000/1000, post-NMS 2000/1000 (train/test). */
    public static RpnConfig torchvision() {
        return new RpnConfig(
                TORCHVISION_PRE_NMS_TOP_N_TRAIN,
                TORCHVISION_PRE_NMS_TOP_N_TEST,
                TORCHVISION_POST_NMS_TOP_N_TRAIN,
                TORCHVISION_POST_NMS_TOP_N_TEST,
                NMS_THRESHOLD,
                SCORE_THRESHOLD,
                MIN_SIZE,
                FG_IOU_THRESHOLD,
                BG_IOU_THRESHOLD,
                BATCH_SIZE_PER_IMAGE,
                POSITIVE_FRACTION);
    }

    /**
     * The paper's proposal counts: 2000 proposals for training, 300 at test; pre-NMS 12000/6000 as its released
     * code. Other values as {@link #torchvision()} (the paper does not state a minimum proposal size).
     */
    public static RpnConfig paper() {
        return new RpnConfig(
                PAPER_PRE_NMS_TOP_N_TRAIN,
                PAPER_PRE_NMS_TOP_N_TEST,
                PAPER_POST_NMS_TOP_N_TRAIN,
                PAPER_POST_NMS_TOP_N_TEST,
                NMS_THRESHOLD,
                SCORE_THRESHOLD,
                MIN_SIZE,
                FG_IOU_THRESHOLD,
                BG_IOU_THRESHOLD,
                BATCH_SIZE_PER_IMAGE,
                POSITIVE_FRACTION);
    }

    /** Pre-NMS top-N per level in the given mode. */
    public int preNmsTopN(boolean training) {
        return training ? preNmsTopNTrain : preNmsTopNTest;
    }

    /** Post-NMS top-N per image in the given mode. */
    public int postNmsTopN(boolean training) {
        return training ? postNmsTopNTrain : postNmsTopNTest;
    }

    /** The same numbers with another NMS threshold (1 keeps every box: no NMS). */
    public RpnConfig withNmsThreshold(double threshold) {
        return new RpnConfig(
                preNmsTopNTrain,
                preNmsTopNTest,
                postNmsTopNTrain,
                postNmsTopNTest,
                threshold,
                scoreThreshold,
                minSize,
                fgIouThreshold,
                bgIouThreshold,
                batchSizePerImage,
                positiveFraction);
    }

    /** A copy with other test-time proposal counts. */
    public RpnConfig withTestTopN(int preNms, int postNms) {
        return new RpnConfig(
                preNmsTopNTrain,
                preNms,
                postNmsTopNTrain,
                postNms,
                nmsThreshold,
                scoreThreshold,
                minSize,
                fgIouThreshold,
                bgIouThreshold,
                batchSizePerImage,
                positiveFraction);
    }
}
