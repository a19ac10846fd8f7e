package dev.vigil.model.train;

/**
 * How Fast R-CNN's training RoIs are drawn from the proposals (the paper's section 3.2, Fast R-CNN's 2.3).
 *
 * @param roisPerImage RoIs per image (512 in torchvision, 128 in Fast R-CNN with 2 images)
 * @param positiveFraction fraction of foreground RoIs (25%)
 * @param foregroundIou a RoI is foreground at IoU ≥ this with a ground-truth box (0.5)
 * @param backgroundHighIou background below this IoU (0.5)
 * @param backgroundLowIou background from this IoU (0.1 as the paper on VOC, 0 as torchvision); below it ignored
 * @param addGroundTruth add the ground-truth boxes to the proposals (torchvision and py-faster-rcnn)
 */
public record RoiSamplingSettings(
        int roisPerImage,
        double positiveFraction,
        double foregroundIou,
        double backgroundHighIou,
        double backgroundLowIou,
        boolean addGroundTruth) {

    public static final int TORCHVISION_ROIS_PER_IMAGE = 512;
    public static final double POSITIVE_FRACTION = 0.25;
    public static final double FOREGROUND_IOU = 0.5;
    public static final double PAPER_BACKGROUND_LOW_IOU = 0.1;

    public RoiSamplingSettings {
        if (roisPerImage <= 0 || !(positiveFraction > 0 && positiveFraction <= 1)) {
            throw new IllegalArgumentException("need RoIs per image > 0 and positive fraction in (0, 1], got "
                    + roisPerImage + ", " + positiveFraction);
        }
        if (!(backgroundLowIou >= 0 && backgroundLowIou <= backgroundHighIou && backgroundHighIou <= foregroundIou)) {
            throw new IllegalArgumentException("need 0 <= background low <= background high <= foreground IoU, got "
                    + backgroundLowIou + ", " + backgroundHighIou + ", " + foregroundIou);
        }
    }

    /** torchvision: 512 RoIs, 25% at IoU ≥ 0.5, background [0, 0.5), ground truth added. */
    public static RoiSamplingSettings torchvision() {
        return new RoiSamplingSettings(
                TORCHVISION_ROIS_PER_IMAGE, POSITIVE_FRACTION, FOREGROUND_IOU, FOREGROUND_IOU, 0, true);
    }

    /** The paper (VOC): as torchvision but background from IoU 0.1. */
    public static RoiSamplingSettings paper() {
        return new RoiSamplingSettings(
                TORCHVISION_ROIS_PER_IMAGE,
                POSITIVE_FRACTION,
                FOREGROUND_IOU,
                FOREGROUND_IOU,
                PAPER_BACKGROUND_LOW_IOU,
                true);
    }

    public RoiSamplingSettings withRoisPerImage(int rois) {
        return new RoiSamplingSettings(
                rois, positiveFraction, foregroundIou, backgroundHighIou, backgroundLowIou, addGroundTruth);
    }
}
