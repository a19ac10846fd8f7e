package dev.vigil.stream.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.ingest.JpegEncoder;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Real JPEG frames of a still scene (a lit wall, a door, a bench), as a fixed camera sees it: each frame may carry
 * sensor noise of its own, and a walker (a dark upright box) where a test puts it.
 */
public final class StillScene {

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    /** The walker's size in pixels of the frame. */
    public static final int WALKER_WIDTH = 24;

    public static final int WALKER_HEIGHT = 64;

    private static final JpegEncoder ENCODER = new JpegEncoder(85, 0, 1 << 22);

    private StillScene() {}

    /** A frame of the still scene without noise or walker: the same bytes every time. */
    public static Frame frame(String camera, long sequence, Instant capture) {
        return frame(camera, sequence, capture, -1, 0);
    }

    /**
     * @param walkerX left edge of the walker, or -1 for none
     * @param noise   largest sensor noise added to each sample (uniform in ±noise, drawn per frame), 0 for none
     */
    public static Frame frame(String camera, long sequence, Instant capture, int walkerX, int noise) {
        try (Mat image = new Mat(HEIGHT, WIDTH, CV_8UC3)) {
            byte[] bgr = new byte[WIDTH * HEIGHT * 3];
            SplittableRandom random = new SplittableRandom(sequence * 7919 + 17);
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    int base = 60 + (x * 120) / WIDTH + (y * 40) / HEIGHT; // light falling across the wall
                    if (x >= 200 && x < 260 && y >= 60 && y < 200) {
                        base = 40; // a door
                    } else if (x >= 30 && x < 150 && y >= 170 && y < 190) {
                        base = 170; // a bench
                    }
                    for (int c = 0; c < 3; c++) {
                        int v = base + c * 10 + (noise > 0 ? random.nextInt(-noise, noise + 1) : 0);
                        bgr[(y * WIDTH + x) * 3 + c] = (byte) Math.max(0, Math.min(255, v));
                    }
                }
            }
            image.data().put(bgr);
            if (walkerX >= 0) {
                rectangle(
                        image,
                        new Point(walkerX, 110),
                        new Point(walkerX + WALKER_WIDTH, 110 + WALKER_HEIGHT),
                        new Scalar(20, 20, 30, 0),
                        -1,
                        8,
                        0);
            }
            JpegEncoder.Encoded jpeg = ENCODER.encode(image);
            return TestFrames.withImage(
                    camera, sequence, capture, ByteBuffer.wrap(jpeg.bytes()), jpeg.width(), jpeg.height());
        }
    }
}
