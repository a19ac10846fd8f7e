package dev.vigil.model.teacher;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A teacher's input: the image stretched to a square of {@code side} pixels (OpenCV's bilinear resize), as RGB floats
 * {@code v·scale + offset} in NHWC order. Reuses its buffers: not thread-safe, and each call overwrites the last
 * result. Holds native memory until {@link #close() closed}.
 */
final class SquareRgbInput implements AutoCloseable {

    private static final int CHANNELS = 3;

    private final int side;
    private final float scale;
    private final float offset;
    private final Mat bgr = new Mat();
    private final Mat resized = new Mat();
    private final byte[] pixels;
    private final float[] values;

    SquareRgbInput(int side, float scale, float offset) {
        this.side = side;
        this.scale = scale;
        this.offset = offset;
        this.pixels = new byte[side * side * CHANNELS];
        this.values = new float[side * side * CHANNELS];
    }

    /**
     * @param image an 8-bit BGR, grey or BGRA image
     * @return side × side × 3 RGB values (this object's buffer)
     * @throws IllegalArgumentException when the image is empty or not 8-bit with 1, 3 or 4 channels
     */
    float[] of(Mat image) {
        resize(toBgr(image), resized, new Size(side, side), 0, 0, INTER_LINEAR);
        resized.data().get(pixels);
        for (int p = 0; p < pixels.length; p += CHANNELS) {
            // BGR bytes → RGB floats
            values[p] = (pixels[p + 2] & 0xFF) * scale + offset;
            values[p + 1] = (pixels[p + 1] & 0xFF) * scale + offset;
            values[p + 2] = (pixels[p] & 0xFF) * scale + offset;
        }
        return values;
    }

    private Mat toBgr(Mat image) {
        if (image == null || image.empty()) {
            throw new IllegalArgumentException("teacher input image is empty");
        }
        if (image.depth() != opencv_core.CV_8U) {
            throw new IllegalArgumentException("teacher input image must be 8-bit, got OpenCV depth " + image.depth());
        }
        return switch (image.channels()) {
            case CHANNELS -> image;
            case 1 -> convert(image, COLOR_GRAY2BGR);
            case 4 -> convert(image, COLOR_BGRA2BGR);
            default ->
                throw new IllegalArgumentException(
                        "teacher input image must have 1, 3 or 4 channels, got " + image.channels());
        };
    }

    private Mat convert(Mat image, int code) {
        cvtColor(image, bgr, code);
        return bgr;
    }

    @Override
    public void close() {
        bgr.close();
        resized.close();
    }
}
