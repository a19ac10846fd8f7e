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
        return new Builder().build();
    }

    /**
     * The paper's proposal counts: 2000 proposals for training, 300 at test; pre-NMS 12000/6000 as its released
     * code. Other values as {@link #torchvision()} (the paper does not state a minimum proposal size).
     */
    public static RpnConfig paper() {
        return new Builder()
                .preNmsTopN(PAPER_PRE_NMS_TOP_N_TRAIN, PAPER_PRE_NMS_TOP_N_TEST)
                .postNmsTopN(PAPER_POST_NMS_TOP_N_TRAIN, PAPER_POST_NMS_TOP_N_TEST)
                .build();
    }

    /** A builder starting from these numbers. */
    public Builder toBuilder() {
        return new Builder()
                .preNmsTopN(preNmsTopNTrain, preNmsTopNTest)
                .postNmsTopN(postNmsTopNTrain, postNmsTopNTest)
                .nmsThreshold(nmsThreshold)
                .scoreThreshold(scoreThreshold)
                .minSize(minSize)
                .iouThresholds(fgIouThreshold, bgIouThreshold)
                .sampling(batchSizePerImage, positiveFraction);
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
        return toBuilder().nmsThreshold(threshold).build();
    }

    /** A copy with other test-time proposal counts. */
    public RpnConfig withTestTopN(int preNms, int postNms) {
        return toBuilder()
                .preNmsTopN(preNmsTopNTrain, preNms)
                .postNmsTopN(postNmsTopNTrain, postNms)
                .build();
    }

    /** Builds an {@link RpnConfig}; every number starts at torchvision's default. */
    public static final class Builder {
        private int preNmsTopNTrain = TORCHVISION_PRE_NMS_TOP_N_TRAIN;
        private int preNmsTopNTest = TORCHVISION_PRE_NMS_TOP_N_TEST;
        private int postNmsTopNTrain = TORCHVISION_POST_NMS_TOP_N_TRAIN;
        private int postNmsTopNTest = TORCHVISION_POST_NMS_TOP_N_TEST;
        private double nmsThreshold = NMS_THRESHOLD;
        private float scoreThreshold = SCORE_THRESHOLD;
        private float minSize = MIN_SIZE;
        private double fgIouThreshold = FG_IOU_THRESHOLD;
        private double bgIouThreshold = BG_IOU_THRESHOLD;
        private int batchSizePerImage = BATCH_SIZE_PER_IMAGE;
        private double positiveFraction = POSITIVE_FRACTION;

        /** Anchors kept per level before NMS, training and test. */
        public Builder preNmsTopN(int train, int test) {
            this.preNmsTopNTrain = train;
            this.preNmsTopNTest = test;
            return this;
        }

        /** Proposals kept per image after NMS, training and test. */
        public Builder postNmsTopN(int train, int test) {
            this.postNmsTopNTrain = train;
            this.postNmsTopNTest = test;
            return this;
        }

        public Builder nmsThreshold(double threshold) {
            this.nmsThreshold = threshold;
            return this;
        }

        public Builder scoreThreshold(float threshold) {
            this.scoreThreshold = threshold;
            return this;
        }

        public Builder minSize(float size) {
            this.minSize = size;
            return this;
        }

        /** Training: anchors at or above {@code foreground} IoU are positive, those below {@code background} negative. */
        public Builder iouThresholds(double foreground, double background) {
            this.fgIouThreshold = foreground;
            this.bgIouThreshold = background;
            return this;
        }

        /** Training: anchors sampled per image, and the largest positive share. */
        public Builder sampling(int batchSizePerImage, double positiveFraction) {
            this.batchSizePerImage = batchSizePerImage;
            this.positiveFraction = positiveFraction;
            return this;
        }

        public RpnConfig build() {
            return new RpnConfig(
                    preNmsTopNTrain,
                    preNmsTopNTest,
                    postNmsTopNTrain,
                    postNmsTopNTest,
                    nmsThreshold,
                    scoreThreshold,
                    minSize,
                    fgIouThreshold,
                    bgIouThreshold,
                    batchSizePerImage,
                    positiveFraction);
        }
    }
}
