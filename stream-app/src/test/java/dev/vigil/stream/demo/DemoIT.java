package dev.vigil.stream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.stream.testing.SmallModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on the real sample footage (vtest.avi), with the real pipeline and a small randomly initialised
 * detector standing in for the trained default model (whose detections would differ, not the plumbing).
 */
class DemoIT {

    private static final Path FOOTAGE =
            Path.of(System.getProperty("vigil.repo.root", "..")).resolve("data/samples/vtest.avi");

    @TempDir
    Path tmp;

    @Test
    void replaysFootageAsALiveCameraAndWritesAnnotatedOutput() throws Exception {
        assertThat(FOOTAGE)
                .withFailMessage("Sample footage missing: run scripts/fetch-sample-data.sh")
                .exists();
        Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));
        Path out = tmp.resolve("out");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = new Demo(
                        new DemoSettings(
                                FOOTAGE.toString(), model, 12, out, 5, 2, 0, 0.0f, DeviceChoice.CPU, null, "127.0.0.1"),
                        new PrintStream(console, true, StandardCharsets.UTF_8))
                .run();

        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(text).containsPattern("in +\\d+\\.\\d fps \\| out +\\d+\\.\\d fps \\| latency p50 ");
        assertThat(text).contains("Done: 12 frames sent, 12 events (12 run, 0 skipped as stale, 0 dead-lettered)");
        try (Stream<Path> pngs = Files.list(out.resolve("frames"))) {
            List<Path> files = pngs.toList();
            assertThat(files).hasSizeBetween(2, 12);
            assertThat(files)
                    .allSatisfy(p -> assertThat(p.getFileName().toString()).matches("demo-cam-\\d{6}\\.png"));
        }
        try (FFmpegFrameGrabber video =
                new FFmpegFrameGrabber(out.resolve("demo.mp4").toFile())) {
            video.start();
            assertThat(video.getImageWidth()).isEqualTo(768);
            int frames = 0;
            while (video.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(12);
        }
    }
}
