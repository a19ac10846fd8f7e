package dev.vigil.stream.detect;

import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import org.bytedeco.opencv.opencv_core.Mat;

/** Decodes a frame's encoded image with OpenCV into the detector's RGB float layout. */
final class JpegFrameDecoder {

    private static final float TO_UNIT = 1f / 255f;

    private final long maxPixels;

    /** @param maxPixels frames declaring or decoding to more pixels than this are refused before they use memory */
    JpegFrameDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * @throws IllegalArgumentException naming the camera and frame when the bytes are not a decodable image
     */
    RgbImage decode(Frame frame) {
        String name = frame.getCameraId() + "#" + frame.getFrameSequence();
        if (frame.getEncoding() != ImageEncoding.JPEG && frame.getEncoding() != ImageEncoding.PNG) {
            throw new IllegalArgumentException("Frame " + name + " has unsupported encoding " + frame.getEncoding());
        }
        if ((long) frame.getWidth() * frame.getHeight() > maxPixels
                || frame.getWidth() <= 0
                || frame.getHeight() <= 0) {
            throw new IllegalArgumentException("Frame " + name + " declares a " + frame.getWidth() + "x"
                    + frame.getHeight() + " image, outside 1.." + maxPixels + " pixels");
        }
        try (Mat bgr = FrameImages.decodeBgr(frame)) {
            if (bgr.empty()) {
                throw new IllegalArgumentException("Frame " + name + ": "
                        + frame.getImage().remaining() + " bytes of " + frame.getEncoding() + " could not be decoded");
            }
            if ((long) bgr.rows() * bgr.cols() > maxPixels) {
                throw new IllegalArgumentException("Frame " + name + " decodes to " + bgr.cols() + "x" + bgr.rows()
                        + ", above the limit of " + maxPixels + " pixels");
            }
            return toRgb(name, bgr);
        }
    }

    /** imdecode gives a continuous 8-bit BGR matrix. */
    private static RgbImage toRgb(String name, Mat bgr) {
        int h = bgr.rows();
        int w = bgr.cols();
        int plane = h * w;
        float[] chw = new float[3 * plane];
        byte[] bgrBytes = new byte[plane * 3];
        bgr.data().get(bgrBytes);
        for (int p = 0, i = 0; p < plane; p++, i += 3) {
            chw[p] = (bgrBytes[i + 2] & 0xFF) * TO_UNIT;
            chw[plane + p] = (bgrBytes[i + 1] & 0xFF) * TO_UNIT;
            chw[2 * plane + p] = (bgrBytes[i] & 0xFF) * TO_UNIT;
        }
        return new RgbImage(name, new ImageSize(h, w), chw);
    }
}
