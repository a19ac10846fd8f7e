package dev.vigil.model.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_ANYDEPTH;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_RGB;
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
 * Everything that becomes an {@link RgbImage} or a {@link ByteRgbImage}: encoded images (PNG, JPEG, BMP, GIF) from
 * files or bytes, and decoded pictures (OpenCV matrices, e.g. video frames). Pixels are decoded by OpenCV; the size in the image's header is
 * read first (by ImageIO's readers, which parse only the header) so that images with no pixels, or more pixels than
 * the cap, are refused before any pixel is decoded and a hostile file cannot exhaust memory. Grey images are
 * replicated to three channels, alpha is dropped, 16-bit samples are divided by 65535 and 8-bit ones by 255 (as
 * torchvision's {@code ToTensor}), palette images are expanded.
 */
public final class ImageDecoder {

    /** Default pixel cap: 8192×8192 (a 64-megapixel frame needs 800 MB of floats). */
    public static final long DEFAULT_MAX_PIXELS = 8192L * 8192L;

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
        return decoded(name, encoded, IMREAD_COLOR | IMREAD_ANYDEPTH, picture -> toFloats(name, picture, false));
    }

    /**
     * Decodes an encoded image to its samples as they are, for the detector: an 8-bit picture (every JPEG) to a
     * {@link ByteRgbImage}, a 16-bit one to the {@link RgbImage} {@link #decode} makes, so that no precision is lost.
     * The values are those of {@link #decode} either way.
     *
     * @param name the input's name, for error messages
     * @throws InvalidImageException as {@link #decode}
     */
    public DecodedImage decodeSamples(String name, byte[] encoded) {
        return decoded(name, encoded, IMREAD_COLOR_RGB | IMREAD_ANYDEPTH, picture -> samples(name, picture));
    }

    /**
     * Checks that an encoded image decodes, as {@link #decode} would, without converting its pixels: for a copy of
     * the bytes (a dataset export) that must be usable later.
     *
     * @return the image's real size
     * @throws InvalidImageException as {@link #decode}
     */
    public ImageSize check(String name, byte[] encoded) {
        return decoded(name, encoded, IMREAD_COLOR | IMREAD_ANYDEPTH, picture -> {
            checkSize(name, picture.cols(), picture.rows());
            return new ImageSize(picture.rows(), picture.cols());
        });
    }

    /** Decodes with OpenCV's {@code flags} once the header is checked; {@code use} gets a picture with pixels. */
    private <T> T decoded(String name, byte[] encoded, int flags, java.util.function.Function<Mat, T> use) {
        if (encoded.length == 0) {
            throw new InvalidImageException(name, "empty input (0 bytes)");
        }
        checkHeader(name, encoded);
        try (BytePointer bytes = new BytePointer(encoded);
                Mat raw = new Mat(1, encoded.length, CV_8UC1, bytes);
                Mat picture = imdecode(raw, flags)) {
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
        return toFloats(name, picture, false);
    }

    /** An 8-bit RGB picture's samples as they are; any other as {@link #toFloats}. */
    private DecodedImage samples(String name, Mat rgb) {
        checkSize(name, rgb.cols(), rgb.rows());
        if (rgb.depth() != CV_8U || rgb.channels() != RgbImage.CHANNELS || !packed(rgb)) {
            return toFloats(name, rgb, true);
        }
        ImageSize size = new ImageSize(rgb.rows(), rgb.cols());
        byte[] samples = new byte[RgbImage.CHANNELS * (int) size.pixels()];
        rgb.data().get(samples);
        return new ByteRgbImage(name, size, samples);
    }

    /** Whether the picture's rows follow each other with no padding. */
    private static boolean packed(Mat picture) {
        // a video decoder's rows may be padded (step above the row's bytes) even when OpenCV calls them continuous
        return picture.isContinuous() && picture.step() == picture.cols() * picture.elemSize();
    }

    /**
     * Floats of a picture in OpenCV's channel order (grey, BGR or BGRA; with {@code rgbOrder} grey, RGB or RGBA),
     * 8 or 16 bits per sample.
     */
    private RgbImage toFloats(String name, Mat picture, boolean rgbOrder) {
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
        Mat continuous = packed(picture) ? picture : picture.clone();
        try {
            if (depth == CV_8U) {
                byte[] samples = new byte[pixels * channels];
                continuous.data().get(samples);
                int red = sampleOffset(channels, 0, rgbOrder);
                int green = sampleOffset(channels, 1, rgbOrder);
                int blue = sampleOffset(channels, 2, rgbOrder);
                for (int p = 0, i = 0; p < pixels; p++, i += channels) {
                    chw[p] = ByteRgbImage.unit(samples[i + red]);
                    chw[pixels + p] = ByteRgbImage.unit(samples[i + green]);
                    chw[2 * pixels + p] = ByteRgbImage.unit(samples[i + blue]);
                }
            } else {
                short[] samples = new short[pixels * channels];
                try (ShortPointer data = new ShortPointer(continuous.data())) {
                    data.get(samples);
                }
                int red = sampleOffset(channels, 0, rgbOrder);
                int green = sampleOffset(channels, 1, rgbOrder);
                int blue = sampleOffset(channels, 2, rgbOrder);
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

    /**
     * Where RGB channel {@code channel} lies in a pixel: OpenCV stores blue first unless asked for RGB; grey has one
     * sample for all.
     */
    private static int sampleOffset(int channels, int channel, boolean rgbOrder) {
        if (channels == 1) {
            return 0;
        }
        return rgbOrder ? channel : RgbImage.CHANNELS - 1 - channel;
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
