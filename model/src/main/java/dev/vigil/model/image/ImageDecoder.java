package dev.vigil.model.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns encoded images (PNG, JPEG, BMP, GIF: what ImageIO reads) and {@link BufferedImage}s into {@link RgbImage}s.
 * Grey images are replicated to three channels, alpha is dropped, 16-bit samples are scaled by 1/65535 (8-bit by
 * 1/255), palette images are expanded. Images with no pixels, or more pixels than the cap, are refused before
 * their pixels are decoded, so a hostile file cannot exhaust memory.
 */
public final class ImageDecoder {

    /** Default pixel cap: 8192×8192 (a 64-megapixel frame needs 800 MB of floats). */
    public static final long DEFAULT_MAX_PIXELS = 8192L * 8192L;

    private final long maxPixels;

    public ImageDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels images with more than this many pixels are refused */
    public ImageDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** Reads and decodes an image file. */
    public RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such image file");
        }
        return decode(file.toString(), Files.readAllBytes(file));
    }

    /**
     * Decodes an encoded image.
     *
     * @param name the input's name, for error messages
     * @throws InvalidImageException when the bytes are not a readable image, or it is empty or too large
     */
    public RgbImage decode(String name, byte[] encoded) {
        if (encoded.length == 0) {
            throw new InvalidImageException(name, "empty input (0 bytes)");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new InvalidImageException(name, "not an image in a readable format (PNG, JPEG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                checkSize(name, reader.getWidth(0), reader.getHeight(0));
                return convert(name, reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidImageException invalid) {
                throw invalid;
            }
            throw new InvalidImageException(name, "corrupt or truncated image data (" + e.getMessage() + ")", e);
        }
    }

    /** Converts a decoded image; see the class comment for the colour rules. */
    public RgbImage convert(String name, BufferedImage image) {
        checkSize(name, image.getWidth(), image.getHeight());
        ImageSize size = new ImageSize(image.getHeight(), image.getWidth());
        ColorModel colorModel = image.getColorModel();
        int colorType = colorModel.getColorSpace().getType();
        boolean direct = !(colorModel instanceof IndexColorModel)
                && (colorType == ColorSpace.TYPE_RGB || colorType == ColorSpace.TYPE_GRAY)
                && image.getRaster().getTransferType() != DataBuffer.TYPE_FLOAT
                && image.getRaster().getTransferType() != DataBuffer.TYPE_DOUBLE;
        float[] chw = direct
                ? fromSamples(image.getRaster(), colorModel.getNumColorComponents(), size)
                : fromSrgb(image, size);
        return new RgbImage(name, size, chw);
    }

    private void checkSize(String name, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new InvalidImageException(name, "image has no pixels (" + width + "x" + height + ")");
        }
        if ((long) width * height > maxPixels) {
            throw new InvalidImageException(
                    name, width + "x" + height + " is more than the cap of " + maxPixels + " pixels");
        }
    }

    /** Raw samples of the colour bands (1 grey or 3 RGB), each divided by its largest value. */
    private static float[] fromSamples(Raster raster, int colorBands, ImageSize size) {
        int pixels = (int) size.pixels();
        float[] chw = new float[RgbImage.CHANNELS * pixels];
        int[] samples = new int[pixels];
        for (int channel = 0; channel < RgbImage.CHANNELS; channel++) {
            int band = colorBands == 1 ? 0 : channel;
            float maxValue = (float) ((1L << raster.getSampleModel().getSampleSize(band)) - 1);
            raster.getSamples(0, 0, size.width(), size.height(), band, samples);
            int offset = channel * pixels;
            for (int i = 0; i < pixels; i++) {
                chw[offset + i] = samples[i] / maxValue;
            }
        }
        return chw;
    }

    /** Any other colour model (palette, CMYK, float): Java's own conversion to 8-bit sRGB. */
    private static float[] fromSrgb(BufferedImage image, ImageSize size) {
        int pixels = (int) size.pixels();
        int[] argb = image.getRGB(0, 0, size.width(), size.height(), null, 0, size.width());
        float[] chw = new float[RgbImage.CHANNELS * pixels];
        for (int i = 0; i < pixels; i++) {
            chw[i] = ((argb[i] >> 16) & 0xFF) / 255f;
            chw[pixels + i] = ((argb[i] >> 8) & 0xFF) / 255f;
            chw[2 * pixels + i] = (argb[i] & 0xFF) / 255f;
        }
        return chw;
    }
}
