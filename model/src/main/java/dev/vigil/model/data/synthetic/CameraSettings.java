package dev.vigil.model.data.synthetic;

/**
 * How much a synthetic frame's look varies, as a cheap CCTV camera's would. Each frame (each video) draws its own
 * values uniformly from these ranges.
 *
 * @param maxBrightnessShift added to every 8-bit channel, in ±this
 * @param minContrast smallest factor the contrast around mid-grey is scaled by
 * @param maxContrast largest such factor
 * @param maxColorCast added to each channel separately, in ±this
 * @param maxDesaturation largest fraction of the colour replaced by its grey
 * @param maxNoiseSigma largest standard deviation of the Gaussian sensor noise, in 8-bit levels
 * @param blurProbability chance of a 3×3 blur (defocus, compression)
 */
public record CameraSettings(
        double maxBrightnessShift,
        double minContrast,
        double maxContrast,
        double maxColorCast,
        double maxDesaturation,
        double maxNoiseSigma,
        double blurProbability) {

    public static final CameraSettings DEFAULT = new CameraSettings(35, 0.75, 1.15, 10, 0.5, 8, 0.3);
    /** Every frame exactly as drawn. */
    public static final CameraSettings NONE = new CameraSettings(0, 1, 1, 0, 0, 0, 0);

    public CameraSettings {
        if (maxBrightnessShift < 0
                || maxColorCast < 0
                || maxNoiseSigma < 0
                || !(minContrast > 0)
                || minContrast > maxContrast
                || maxDesaturation < 0
                || maxDesaturation > 1
                || blurProbability < 0
                || blurProbability > 1) {
            throw new IllegalArgumentException("camera settings out of range: brightness " + maxBrightnessShift
                    + ", contrast " + minContrast + ".." + maxContrast + ", colour cast " + maxColorCast
                    + ", desaturation " + maxDesaturation + ", noise " + maxNoiseSigma + ", blur probability "
                    + blurProbability);
        }
    }
}
