package dev.vigil.model.transform;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.box.Boxes;
import dev.vigil.model.engine.FloatTensorWriter;
import dev.vigil.model.image.DecodedImage;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's {@code GeneralizedRCNNTransform} at test time, to the bit where the engine allows: per image,
 * normalise ({@code (x - mean) / std}), then resize bilinearly (align_corners=false) by
 * {@code scale = min(minSize / shorter side, maxSize / longer side)} computed in float32 as torch does, the output size being
 * {@code floor(side · scale)} and the sampling ratio input/output size (torchvision's
 * {@code recompute_scale_factor=True}); then zero-pad all images into one batch whose sides are multiples of the
 * size divisor. Runs on the JVM, in one pass over each image's rows straight into the batch's memory
 * ({@link SlotWriter}; no whole-image temporaries), from floats or from 8-bit samples as decoded; only the finished
 * batch goes to the engine. {@link #toOriginalPixels} maps boxes back.
 *
 * <p>The batch is channels-last in memory: N×H×W×C values seen as N×C×H×W. PyTorch's CPU convolutions (oneDNN) then
 * read and write each layer's maps as they are instead of reordering them, and every later layer keeps that layout;
 * MobileNetV3-Large-FPN's backbone at 768×576 takes a third less time than on N×C×H×W memory.
 */
public final class ImageTransform {

    private final TransformConfig settings;
    private final Normalization normalization;

    public ImageTransform(TransformConfig settings) {
        this.settings = settings;
        this.normalization = new Normalization(settings.imageMean(), settings.imageStd());
    }

    public TransformConfig settings() {
        return settings;
    }

    /** The size an image of {@code original} size is resized to. */
    public ImageSize resizedSize(ImageSize original) {
        float shorter = Math.min(original.height(), original.width());
        float longer = Math.max(original.height(), original.width());
        // torch evaluates "size / side" on a float32 tensor as reciprocal(side) * size
        double scale = Math.min((1f / shorter) * settings.minSize(), (1f / longer) * settings.maxSize());
        int height = (int) Math.floor(original.height() * scale);
        int width = (int) Math.floor(original.width() * scale);
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("an image of " + original + " resizes to nothing (" + width + "x"
                    + height + ") at min/max size " + settings.minSize() + "/" + settings.maxSize());
        }
        return new ImageSize(height, width);
    }

    /** {@code side} rounded up to a multiple of the size divisor. */
    public int paddedSide(int side) {
        int divisor = settings.sizeDivisible();
        return (side + divisor - 1) / divisor * divisor;
    }

    /**
     * Normalises, resizes and batches the images.
     *
     * @param manager owner of the returned batch
     * @param images one or more images, of any sizes
     */
    public ImageBatch apply(NDManager manager, List<? extends DecodedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to transform");
        }
        List<ImageSize> originalSizes = new ArrayList<>(images.size());
        List<ImageSize> resizedSizes = new ArrayList<>(images.size());
        int batchHeight = 0;
        int batchWidth = 0;
        for (DecodedImage image : images) {
            ImageSize resized = resizedSize(image.size());
            originalSizes.add(image.size());
            resizedSizes.add(resized);
            batchHeight = Math.max(batchHeight, resized.height());
            batchWidth = Math.max(batchWidth, resized.width());
        }
        int paddedHeight = paddedSide(batchHeight);
        int paddedWidth = paddedSide(batchWidth);
        FloatTensorWriter out = FloatTensorWriter.allocate(
                manager, new Shape(images.size(), paddedHeight, paddedWidth, RgbImage.CHANNELS));
        SlotWriter slots = new SlotWriter(normalization, out.writer(), paddedHeight, paddedWidth);
        for (int i = 0; i < images.size(); i++) {
            slots.write(i, images.get(i), resizedSizes.get(i));
        }
        return new ImageBatch(out.toChannelsFirstView(), resizedSizes, originalSizes);
    }

    /**
     * Rescales K×4 boxes in place from resized-image pixels to original-image pixels, with float32 ratios
     * original/resized per axis as torchvision's {@code resize_boxes}.
     */
    public static void toOriginalPixels(float[] boxes, ImageSize resized, ImageSize original) {
        float ratioHeight = (float) original.height() / (float) resized.height();
        float ratioWidth = (float) original.width() / (float) resized.width();
        Boxes.scale(boxes, ratioWidth, ratioHeight);
    }
}
