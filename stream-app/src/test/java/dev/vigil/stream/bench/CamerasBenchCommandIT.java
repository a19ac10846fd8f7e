package dev.vigil.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.TestVideos;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil bench cameras} end to end, small: one and then two cameras looping a short clip at live pace through
 * the real ingest, broker and detect (a small random model), a row per camera count with latencies that events
 * really gave, and the two-panel PNG. The figures themselves are measured, not asserted.
 */
class CamerasBenchCommandIT {

    @TempDir
    Path tmp;

    @Test
    void runsEachCameraCountAndDrawsLatencyAndCpu() throws Exception {
        Path video = TestVideos.mp4(tmp.resolve("clip.mp4"), 50, 25, 160, 120);
        Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));
        Path plot = tmp.resolve("cameras.png");

        CliRun run = CliRun.of(
                "bench",
                "cameras",
                "--source",
                video.toString(),
                "--model",
                model.toString(),
                "--device",
                "cpu",
                "--cameras",
                "1,2",
                "--fps",
                "2",
                "--warmup-seconds",
                "5",
                "--seconds",
                "6",
                "--target-p99-ms",
                "60000",
                "--plot",
                plot.toString());

        System.out.println(run.out());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        for (int cameras = 1; cameras <= 2; cameras++) {
            Matcher row = Pattern.compile("(?m)^" + cameras + "\\s+(\\d+\\.\\d+)\\s+(-?\\d+)\\s+(-?\\d+)\\s+(\\d+)\\s")
                    .matcher(run.out());
            assertThat(row.find())
                    .as("row for %d cameras in:%n%s", cameras, run.out())
                    .isTrue();
            assertThat(Double.parseDouble(row.group(1)))
                    .as("events/s of %d cameras at 2 frames/s", cameras)
                    .isPositive();
            assertThat(Long.parseLong(row.group(2))).as("p50 ms").isPositive();
            assertThat(Long.parseLong(row.group(3))).as("p99 ms").isGreaterThanOrEqualTo(Long.parseLong(row.group(2)));
        }
        assertThat(run.out()).containsPattern("cameras served \\(p99 <= 60000 ms, none stale\\): [0-2]");
        assertThat(run.err()).contains("[2/2] 2 cameras");
        BufferedImage image = ImageIO.read(plot.toFile());
        assertThat(image).as("a PNG at %s", plot).isNotNull();
        assertThat(image.getHeight()).as("latency above CPU").isEqualTo(2 * image.getWidth() * 500 / 800);
    }

    /** Both tables, without and with the motion gate, on a still scene: only the gate's row has reused frames. */
    @Test
    void comparesTheMotionGateOnAStillSceneMadeFromTheFootage() throws Exception {
        Path video = TestVideos.mp4(tmp.resolve("clip.mp4"), 10, 25, 160, 120);
        Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));

        CliRun run = CliRun.of(
                "bench",
                "cameras",
                "--source",
                video.toString(),
                "--still-scene",
                "--still-scene-frames",
                "40",
                "--compare-motion-gate",
                "--model",
                model.toString(),
                "--device",
                "cpu",
                "--cameras",
                "1",
                "--fps",
                "2",
                "--warmup-seconds",
                "4",
                "--seconds",
                "6",
                "--target-p99-ms",
                "60000",
                "--plot",
                tmp.resolve("gate.png").toString());

        System.out.println(run.out());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String off = run.out()
                .substring(run.out().indexOf("motion gate off:"), run.out().indexOf("motion gate on:"));
        String on = run.out().substring(run.out().indexOf("motion gate on:"));
        Pattern row = Pattern.compile("(?m)^1\\s+(\\d+\\.\\d+)\\s+(-?\\d+)\\s+(-?\\d+)\\s+(\\d+)\\s+(\\d+)\\s");
        Matcher withoutGate = row.matcher(off);
        Matcher withGate = row.matcher(on);
        assertThat(withoutGate.find()).as("a row without the gate in:%n%s", off).isTrue();
        assertThat(withGate.find()).as("a row with the gate in:%n%s", on).isTrue();
        assertThat(Integer.parseInt(withoutGate.group(5)))
                .as("reused without the gate")
                .isZero();
        assertThat(Integer.parseInt(withGate.group(5)))
                .as("reused with the gate")
                .isPositive();
        assertThat(run.err()).contains("[1/2] 1 cameras, motion gate off").contains("[2/2] 1 cameras, motion gate on");
    }

    @Test
    void aMissingVideoIsNamed() {
        CliRun run = CliRun.of(
                "bench", "cameras", "--source", tmp.resolve("none.mp4").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("none.mp4");
    }
}
