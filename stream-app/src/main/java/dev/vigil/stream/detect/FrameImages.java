package dev.vigil.stream.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.vigil.schemas.Frame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/** The picture inside a frame record, decoded with OpenCV. */
public final class FrameImages {

    private FrameImages() {}

    /**
     * Decodes the frame's encoded image into an 8-bit BGR matrix, owned by the caller (close it).
     *
     * @return an empty matrix when the bytes are not a decodable image
     */
    public static Mat decodeBgr(Frame frame) {
        byte[] bytes = DeadLetters.bytes(frame.getImage());
        try (BytePointer encoded = new BytePointer(bytes);
                Mat raw = new Mat(1, bytes.length, CV_8UC1, encoded)) {
            return imdecode(raw, IMREAD_COLOR);
        }
    }
}
