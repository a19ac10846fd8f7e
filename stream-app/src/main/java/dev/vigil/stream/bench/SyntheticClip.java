package dev.vigil.stream.bench;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.vigil.model.media.VideoWriter;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Writes a short synthetic clip (textured background, moving boxes) to measure ingest at a given resolution. */
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
}
