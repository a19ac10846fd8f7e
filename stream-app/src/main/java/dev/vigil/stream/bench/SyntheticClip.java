package dev.vigil.stream.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.vigil.model.media.VideoReader;
import dev.vigil.model.media.VideoWriter;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Writes short synthetic clips: a textured background with moving boxes (to measure ingest at a given resolution), and
 * a still scene with few movers (to measure what the motion gate saves).
 */
final class SyntheticClip {

    private SyntheticClip() {}

    static Path write(Path file, int width, int height, int frames, double fps) throws Exception {
        try (VideoWriter writer = new VideoWriter(file, width, height, fps);
                Mat background = new Mat(height, width, CV_8UC3)) {
            byte[] texture = new byte[width * height * 3];
            new java.util.SplittableRandom(720).nextBytes(texture);
            background.data().put(texture);
            for (int i = 0; i < frames; i++) {
                try (Mat frame = background.clone()) {
                    for (int b = 0; b < 5; b++) {
                        int x = (i * (3 + b) + b * 200) % (width - 120);
                        int y = (b * 130 + i * 2) % (height - 200);
                        rectangle(
                                frame,
                                new Point(x, y),
                                new Point(x + 100, y + 180),
                                new Scalar(30 + 40 * b, 220 - 30 * b, 90, 0),
                                -1,
                                8,
                                0);
                    }
                    writer.write(frame);
                }
            }
        }
        return file;
    }

    /** Of a still clip's frames, the share in which something moves. */
    static final double STILL_CLIP_MOVING_SHARE = 0.3;

    /**
     * A still scene with few movers, as a CCTV camera mostly sees: the first picture of {@code footage} held still for
     * {@code frames} frames, crossed by one small dark box (a walker, a twentieth of the picture's height wide) in
     * the first stretch and by another going back in a later one; {@value #STILL_CLIP_MOVING_SHARE} of the frames
     * show a mover. The clip starts {@code offset} frames into that loop, so that cameras given different offsets
     * see their movers at different times, as independent cameras do.
     */
    static Path still(Path file, Path footage, int frames, double fps, int offset) throws Exception {
        if (offset < 0 || offset >= frames) {
            throw new IllegalArgumentException("the offset must be within 0.." + (frames - 1) + ", got " + offset);
        }
        try (VideoReader reader = VideoReader.open(footage)) {
            VideoReader.DecodedFrame first = reader.next();
            if (first == null) {
                throw new IllegalArgumentException("video " + footage + " has no picture");
            }
            Mat background = first.bgr();
            int width = background.cols();
            int height = background.rows();
            int walkerHeight = Math.max(8, height / 8);
            int walkerWidth = Math.max(4, walkerHeight / 3);
            int stretch = (int) Math.round(frames * STILL_CLIP_MOVING_SHARE / 2);
            int firstStart = frames / 5;
            int secondStart = (frames * 3) / 5;
            try (VideoWriter writer = new VideoWriter(file, width, height, fps)) {
                for (int written = 0; written < frames; written++) {
                    int i = (written + offset) % frames;
                    try (Mat frame = background.clone()) {
                        if (i >= firstStart && i < firstStart + stretch) {
                            int x = (width - walkerWidth) * (i - firstStart) / stretch;
                            walker(frame, x, height / 2, walkerWidth, walkerHeight);
                        }
                        if (i >= secondStart && i < secondStart + stretch) {
                            int x = (width - walkerWidth) * (secondStart + stretch - i) / stretch;
                            walker(frame, x, (height * 2) / 3, walkerWidth, walkerHeight);
                        }
                        writer.write(frame);
                    }
                }
            }
        }
        return file;
    }

    private static void walker(Mat frame, int x, int y, int width, int height) {
        rectangle(
                frame,
                new Point(x, y),
                new Point(x + width, Math.min(frame.rows() - 1, y + height)),
                new Scalar(40, 40, 60, 0),
                -1,
                8,
                0);
    }
}
