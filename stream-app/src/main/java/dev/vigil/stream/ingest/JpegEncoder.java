package dev.vigil.stream.ingest;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Encodes BGR frames as JPEG with OpenCV's encoder, optionally capping the longer side first, and lowering the
 * quality step by step when the result would not fit the largest message the topic accepts.
 */
public final class JpegEncoder {

    public static final int DEFAULT_QUALITY = 90;
    private static final int QUALITY_STEP = 10;
    private static final int MIN_QUALITY = 30;

    private final int quality;
    private final int maxLongSide;
    private final int maxBytes;

    /**
     * @param quality     JPEG quality 1..100
     * @param maxLongSide cap on the longer side in pixels, 0 for none
     * @param maxBytes    largest encoded size accepted
     */
    public JpegEncoder(int quality, int maxLongSide, int maxBytes) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1..100, got " + quality);
        }
        this.quality = quality;
        this.maxLongSide = maxLongSide;
        this.maxBytes = maxBytes;
    }

    /** An encoded image and the size it was encoded at. */
    public record Encoded(byte[] bytes, int width, int height, int quality) {}

    /**
     * Encodes a BGR image (8-bit, 1 or 3 channels).
     *
     * @throws FrameTooLargeException when even the lowest quality does not fit {@code maxBytes}
     */
    public Encoded encode(Mat bgr) {
        Mat scaled = scaleDown(bgr);
        try {
            for (int q = quality; ; q = Math.max(MIN_QUALITY, q - QUALITY_STEP)) {
                byte[] bytes = encodeAt(scaled, q);
                if (bytes.length <= maxBytes) {
                    return new Encoded(bytes, scaled.cols(), scaled.rows(), q);
                }
                if (q == MIN_QUALITY) {
                    throw new FrameTooLargeException(scaled.cols() + "x" + scaled.rows() + " frame is " + bytes.length
                            + " bytes as JPEG at quality " + q + ", above the limit of " + maxBytes + " bytes");
                }
            }
        } finally {
            if (scaled != bgr) {
                scaled.close();
            }
        }
    }

    private Mat scaleDown(Mat image) {
        int longSide = Math.max(image.cols(), image.rows());
        if (maxLongSide <= 0 || longSide <= maxLongSide) {
            return image;
        }
        double scale = (double) maxLongSide / longSide;
        Mat out = new Mat();
        try (Size size = new Size((int) Math.round(image.cols() * scale), (int) Math.round(image.rows() * scale))) {
            resize(image, out, size, 0, 0, INTER_AREA);
        }
        return out;
    }

    private static byte[] encodeAt(Mat image, int q) {
        try (BytePointer buffer = new BytePointer();
                IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, q)) {
            if (!imencode(".jpg", image, buffer, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows()
                        + " image with " + image.channels() + " channels as JPEG");
            }
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }

    /** A frame that cannot be made small enough for the topic. */
    public static final class FrameTooLargeException extends RuntimeException {
        public FrameTooLargeException(String message) {
            super(message);
        }
    }
}
