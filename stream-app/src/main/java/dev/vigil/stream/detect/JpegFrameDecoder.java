package dev.vigil.stream.detect;

import dev.vigil.model.detector.ImageSize;
import dev.vigil.model.detector.RgbImage;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

/** Decodes a frame's encoded image with OpenCV into the detector's RGB float layout. */
final class JpegFrameDecoder {

    private static final float TO_UNIT = 1f / 255f;

    /**
     * @throws IllegalArgumentException naming the camera and frame when the bytes are not a decodable image
     */
    RgbImage decode(Frame frame) {
        String name = frame.getCameraId() + "#" + frame.getFrameSequence();
        if (frame.getEncoding() != ImageEncoding.JPEG && frame.getEncoding() != ImageEncoding.PNG) {
            throw new IllegalArgumentException("Frame " + name + " has unsupported encoding " + frame.getEncoding());
        }
        byte[] bytes = new byte[frame.getImage().remaining()];
        frame.getImage().duplicate().get(bytes);
        try (BytePointer encoded = new BytePointer(bytes);
             Mat raw = new Mat(1, bytes.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, encoded);
             Mat bgr = imdecode(raw, IMREAD_COLOR)) {
            if (bgr == null || bgr.empty()) {
                throw new IllegalArgumentException("Frame " + name + ": " + bytes.length + " bytes of "
                        + frame.getEncoding() + " could not be decoded");
            }
            return toRgb(name, bgr);
        }
    }

    private static RgbImage toRgb(String name, Mat bgr) {
        int h = bgr.rows();
        int w = bgr.cols();
        int plane = h * w;
        float[] chw = new float[3 * plane];
        byte[] row = new byte[w * 3];
        try (UByteIndexer indexer = bgr.createIndexer()) {
            for (int y = 0; y < h; y++) {
                indexer.get(y, 0, 0, row);
                int base = y * w;
                for (int x = 0, i = 0; x < w; x++, i += 3) {
                    chw[base + x] = (row[i + 2] & 0xFF) * TO_UNIT;
                    chw[plane + base + x] = (row[i + 1] & 0xFF) * TO_UNIT;
                    chw[2 * plane + base + x] = (row[i] & 0xFF) * TO_UNIT;
                }
            }
        }
        return new RgbImage(name, new ImageSize(h, w), chw);
    }
}
