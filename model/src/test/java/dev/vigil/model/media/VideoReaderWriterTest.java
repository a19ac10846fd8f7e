package dev.vigil.model.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.RgbImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the {@link VideoWriter} encodes, the {@link VideoReader} decodes again: count, size, order and colour. */
class VideoReaderWriterTest {

    /** Narrow: FFmpeg pads its 288-byte BGR rows to 384 bytes. */
    private static final int WIDTH = 96;

    private static final int HEIGHT = 64;

    @Test
    void framesWrittenFromJava2dAndOpenCvReadBackInOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("clip.mp4");
        try (VideoWriter writer = new VideoWriter(file, WIDTH, HEIGHT, 10)) {
            writer.write(filled(Color.RED));
            writer.write(filled(Color.GREEN));
            try (Mat blue = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(255, 0, 0, 0))) {
                writer.write(blue);
            }
        }

        ImageDecoder decoder = new ImageDecoder();
        try (VideoReader reader = VideoReader.open(file)) {
            assertThat(reader.declaredFps()).isEqualTo(10.0);
            float[][] expectedRgb = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
            for (int i = 0; i < expectedRgb.length; i++) {
                VideoReader.DecodedFrame frame = reader.next();
                assertThat(frame).isNotNull();
                assertThat(frame.number()).isEqualTo(i);
                RgbImage image = decoder.fromBgr("clip#" + i, frame.bgr());
                assertThat(image.size().width()).isEqualTo(WIDTH);
                assertThat(image.size().height()).isEqualTo(HEIGHT);
                System.out.printf(
                        "frame %d: %s step %d %.3f %.3f %.3f | %.3f %.3f%n",
                        i,
                        frame.bgr(),
                        frame.bgr().step(),
                        image.chw()[0],
                        image.chw()[WIDTH * HEIGHT],
                        image.chw()[2 * WIDTH * HEIGHT],
                        mean(image, 0),
                        mean(image, 1));
                for (int c = 0; c < 3; c++) {
                    assertThat(mean(image, c))
                            .as("frame %d channel %d", i, c)
                            .isCloseTo(expectedRgb[i][c], within(0.1));
                }
            }
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aMissingOrBrokenVideoFailsNamingIt(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> VideoReader.open(dir.resolve("absent.mp4")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("absent.mp4");
        Path junk = Files.write(dir.resolve("junk.mp4"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> VideoReader.open(junk))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("video " + junk)
                .hasMessageContaining("cannot open");
        assertThatThrownBy(() -> VideoReader.open(dir.resolve("gone.avi").toString(), "Camera 'gate'", null))
                .hasMessageContaining("Camera 'gate'")
                .hasMessageContaining("gone.avi");
    }

    private static BufferedImage filled(Color color) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        return image;
    }

    private static double mean(RgbImage image, int channel) {
        int plane = (int) image.size().pixels();
        double sum = 0;
        for (int i = channel * plane; i < (channel + 1) * plane; i++) {
            sum += image.chw()[i];
        }
        return sum / plane;
    }
}
