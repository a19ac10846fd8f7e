package dev.vigil.stream.detect.motion;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.InvalidImageException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Reduces an encoded frame to the gate's small grey picture cheaply: the size in the image's header is checked first
 * (no pixel decoded for an image over the pixel cap), then libjpeg decodes straight to grey at 1/2, 1/4 or 1/8 of the
 * size (its DCT scaling: an eighth of the size costs a fraction of a full decode), the largest reduction that stays at
 * least as wide as the picture; an area resize brings it to the picture's width and a 3×3 Gaussian blur takes off
 * the noise of single pixels. Not thread-safe (one per stream task).
 */
public final class GreyPictures {

    private static final int[] REDUCTIONS = {8, 4, 2};

    private final int width;
    private final ImageDecoder headers;

    /**
     * @param width     width of the pictures made (narrower images keep their own width)
     * @param maxPixels images with more pixels than this are refused before they are decoded
     */
    public GreyPictures(int width, long maxPixels) {
        this.width = width;
        this.headers = new ImageDecoder(maxPixels);
    }

    /**
     * @param name the frame's name, for error messages
     * @throws InvalidImageException when the bytes are not a decodable image
     */
    public GreyPicture reduce(String name, byte[] encoded) {
        ImageSize source = headers.header(name, encoded).size();
        int outWidth = Math.min(width, source.width());
        int outHeight = Math.max(1, (int) Math.round((double) source.height() * outWidth / source.width()));
        try (BytePointer bytes = new BytePointer(encoded);
                Mat raw = new Mat(1, encoded.length, CV_8UC1, bytes);
                Mat decoded = imdecode(raw, readMode(source.width(), outWidth));
                Mat small = new Mat();
                Size outSize = new Size(outWidth, outHeight);
                Size blur = new Size(3, 3)) {
            if (decoded.empty()) {
                throw new InvalidImageException(
                        name, encoded.length + " bytes could not be decoded (corrupt or truncated image data)");
            }
            if (decoded.cols() == outWidth && decoded.rows() == outHeight) {
                decoded.copyTo(small);
            } else {
                resize(decoded, small, outSize, 0, 0, INTER_AREA);
            }
            GaussianBlur(small, small, blur, 0);
            byte[] grey = new byte[outWidth * outHeight];
            small.data().get(grey);
            return new GreyPicture(outWidth, outHeight, grey, source);
        }
    }

    /** Grey, reduced by libjpeg as much as keeps it at least {@code outWidth} wide. */
    private static int readMode(int sourceWidth, int outWidth) {
        for (int factor : REDUCTIONS) {
            if (sourceWidth / factor >= outWidth) {
                return switch (factor) {
                    case 8 -> IMREAD_REDUCED_GRAYSCALE_8;
                    case 4 -> IMREAD_REDUCED_GRAYSCALE_4;
                    default -> IMREAD_REDUCED_GRAYSCALE_2;
                };
            }
        }
        return IMREAD_GRAYSCALE;
    }
}
