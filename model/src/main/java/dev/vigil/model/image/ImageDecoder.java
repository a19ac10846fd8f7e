package dev.vigil.model.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_ANYDEPTH;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Everything that becomes an {@link RgbImage}: encoded images (PNG, JPEG, BMP, GIF) from files or bytes, and decoded
 * pictures (OpenCV matrices, e.g. video frames). Pixels are decoded by OpenCV; the size in the image's header is
 * read first (by ImageIO's readers, which parse only the header) so that images with no pixels, or more pixels than
 * the cap, are refused before any pixel is decoded and a hostile file cannot exhaust memory. Grey images are
 * replicated to three channels, alpha is dropped, 16-bit samples are divided by 65535 and 8-bit ones by 255 (as
 * torchvision's {@code ToTensor}), palette images are expanded.
 */
public final class ImageDecoder {

    /** Default pixel cap: 8192×8192 (a 64-megapixel frame needs 800 MB of floats). */
    public static final long DEFAULT_MAX_PIXELS = 8192L * 8192L;

    private static final float MAX_8_BIT = 255f;
    /** v / 255 for every 8-bit v: the division's exact values at a table lookup's cost. */
    private static final float[] UNIT_8_BIT = new float[256];

    static {
        for (int v = 0; v < UNIT_8_BIT.length; v++) {
            UNIT_8_BIT[v] = v / MAX_8_BIT;
        }
    }

    private static final float MAX_16_BIT = 65535f;

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
        return decoded(name, encoded, picture -> fromBgr(name, picture));
    }

    /**
     * Checks that an encoded image decodes, as {@link #decode} would, without converting its pixels: for a copy of
     * the bytes (a dataset export) that must be usable later.
     *
     * @return the image's real size
     * @throws InvalidImageException as {@link #decode}
     */
    public ImageSize check(String name, byte[] encoded) {
        return decoded(name, encoded, picture -> {
            checkSize(name, picture.cols(), picture.rows());
            return new ImageSize(picture.rows(), picture.cols());
        });
    }

    private <T> T decoded(String name, byte[] encoded, java.util.function.Function<Mat, T> use) {
        if (encoded.length == 0) {
            throw new InvalidImageException(name, "empty input (0 bytes)");
        }
        checkHeader(name, encoded);
        try (BytePointer bytes = new BytePointer(encoded);
                Mat raw = new Mat(1, encoded.length, CV_8UC1, bytes);
                Mat picture = imdecode(raw, IMREAD_COLOR | IMREAD_ANYDEPTH)) {
            if (picture.empty()) {
                throw new InvalidImageException(
                        name, encoded.length + " bytes could not be decoded (corrupt or truncated image data)");
            }
            return use.apply(picture);
        }
    }

    /**
     * Converts a decoded picture: OpenCV's channel order (grey, BGR or BGRA), 8 or 16 bits per sample.
     *
     * @throws InvalidImageException when it has no pixels, too many, or another layout
     */
    public RgbImage fromBgr(String name, Mat picture) {
        checkSize(name, picture.cols(), picture.rows());
        int channels = picture.channels();
        int depth = picture.depth();
        if ((depth != CV_8U && depth != CV_16U) || (channels != 1 && channels != 3 && channels != 4)) {
            throw new InvalidImageException(
                    name, "unsupported pixel layout (OpenCV depth " + depth + ", " + channels + " channels)");
        }
        ImageSize size = new ImageSize(picture.rows(), picture.cols());
        int pixels = (int) size.pixels();
        float[] chw = new float[RgbImage.CHANNELS * pixels];
        // a video decoder's rows may be padded (step above the row's bytes) even when OpenCV calls them continuous
        boolean packed = picture.isContinuous() && picture.step() == picture.cols() * picture.elemSize();
        Mat continuous = packed ? picture : picture.clone();
        try {
            if (depth == CV_8U) {
                byte[] samples = new byte[pixels * channels];
                continuous.data().get(samples);
                int red = sampleOffset(channels, 0);
                int green = sampleOffset(channels, 1);
                int blue = sampleOffset(channels, 2);
                for (int p = 0, i = 0; p < pixels; p++, i += channels) {
                    chw[p] = UNIT_8_BIT[samples[i + red] & 0xFF];
                    chw[pixels + p] = UNIT_8_BIT[samples[i + green] & 0xFF];
                    chw[2 * pixels + p] = UNIT_8_BIT[samples[i + blue] & 0xFF];
                }
            } else {
                short[] samples = new short[pixels * channels];
                try (ShortPointer data = new ShortPointer(continuous.data())) {
                    data.get(samples);
                }
                int red = sampleOffset(channels, 0);
                int green = sampleOffset(channels, 1);
                int blue = sampleOffset(channels, 2);
                for (int p = 0, i = 0; p < pixels; p++, i += channels) {
                    chw[p] = (samples[i + red] & 0xFFFF) / MAX_16_BIT;
                    chw[pixels + p] = (samples[i + green] & 0xFFFF) / MAX_16_BIT;
                    chw[2 * pixels + p] = (samples[i + blue] & 0xFFFF) / MAX_16_BIT;
                }
            }
        } finally {
            if (continuous != picture) {
                continuous.close();
            }
        }
        return new RgbImage(name, size, chw);
    }

    /** Where RGB channel {@code channel} lies in a pixel: OpenCV stores blue first; grey has one sample for all. */
    private static int sampleOffset(int channels, int channel) {
        return channels == 1 ? 0 : RgbImage.CHANNELS - 1 - channel;
    }

    /**
     * Reads only the image's header: its format and size, checked against the cap, no pixel decoded.
     *
     * @param name the input's name, for error messages
     * @throws InvalidImageException when the bytes are empty, not an image in a readable format, or the size in the
     *                               header has no pixels or more than the cap
     */
    public ImageHeader header(String name, byte[] encoded) {
        if (encoded.length == 0) {
            throw new InvalidImageException(name, "empty input (0 bytes)");
        }
        return checkHeader(name, encoded);
    }

    /** The format must be one ImageIO knows, and the size in its header within the cap. */
    private ImageHeader checkHeader(String name, byte[] encoded) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new InvalidImageException(name, "not an image in a readable format (PNG, JPEG, BMP, GIF)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkSize(name, width, height);
                return new ImageHeader(reader.getFormatName().toUpperCase(Locale.ROOT), new ImageSize(height, width));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidImageException invalid) {
                throw invalid;
            }
            throw new InvalidImageException(
                    name,
                    encoded.length + " bytes could not be decoded (corrupt or truncated image data: " + e.getMessage()
                            + ")",
                    e);
        }
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
}
