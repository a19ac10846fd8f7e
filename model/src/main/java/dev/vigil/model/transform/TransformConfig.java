package dev.vigil.model.transform;

import dev.vigil.model.image.RgbImage;

/**
 * Numbers of torchvision's {@code GeneralizedRCNNTransform} at test time.
 *
 * @param minSize target length of the shorter side (torchvision: 800; the paper: 600)
 * @param maxSize cap on the longer side (torchvision: 1333; the paper: 1000)
 * @param imageMean per-channel mean subtracted from [0, 1] RGB values
 * @param imageStd per-channel standard deviation divided by
 * @param sizeDivisible the batch is zero-padded to a multiple of this, bottom and right (32)
 */
public record TransformConfig(int minSize, int maxSize, float[] imageMean, float[] imageStd, int sizeDivisible) {

    /** torchvision's {@code min_size} default. */
    public static final int TORCHVISION_MIN_SIZE = 800;
    /** torchvision's {@code max_size} default. */
    public static final int TORCHVISION_MAX_SIZE = 1333;
    /** The paper's test scale: shorter side 600 (section 3.3), longer side at most 1000. */
    public static final int PAPER_MIN_SIZE = 600;
    /** The paper's cap on the longer side. */
    public static final int PAPER_MAX_SIZE = 1000;

    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
    /** torchvision's {@code size_divisible}. */
    public static final int SIZE_DIVISIBLE = 32;

    public TransformConfig {
        if (minSize <= 0 || maxSize <= 0 || sizeDivisible <= 0) {
            throw new IllegalArgumentException("minSize, maxSize and sizeDivisible must be positive, got " + minSize
                    + ", " + maxSize + ", " + sizeDivisible);
        }
        if (imageMean.length != RgbImage.CHANNELS || imageStd.length != RgbImage.CHANNELS) {
            throw new IllegalArgumentException("imageMean and imageStd need one value per RGB channel");
        }
        imageMean = imageMean.clone();
        imageStd = imageStd.clone();
    }

    /** ImageNet channel means (RGB), as torchvision's detection models normalise: a new array. */
    public static float[] imagenetMean() {
        return IMAGENET_MEAN.clone();
    }

    /** ImageNet channel standard deviations (RGB): a new array. */
    public static float[] imagenetStd() {
        return IMAGENET_STD.clone();
    }

    /** torchvision's defaults: 800 / 1333, ImageNet mean and std, padding to 32. */
    public static TransformConfig torchvision() {
        return new TransformConfig(
                TORCHVISION_MIN_SIZE, TORCHVISION_MAX_SIZE, IMAGENET_MEAN, IMAGENET_STD, SIZE_DIVISIBLE);
    }

    /** The same normalisation and padding at other sizes. */
    public TransformConfig withSizes(int newMinSize, int newMaxSize) {
        return new TransformConfig(newMinSize, newMaxSize, imageMean, imageStd, sizeDivisible);
    }

    @Override
    public float[] imageMean() {
        return imageMean.clone();
    }

    @Override
    public float[] imageStd() {
        return imageStd.clone();
    }
}
