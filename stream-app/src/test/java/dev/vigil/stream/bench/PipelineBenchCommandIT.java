package dev.vigil.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.TestVideos;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil bench pipeline} end to end, small: the real ingest sink, broker and detect with a small random model.
 * The figures are measured, not asserted; what is asserted is how they are put together: the bare detector runs before
 * and after the pipeline (the machine's speed drifts) and the pipeline is compared with their mean.
 */
class PipelineBenchCommandIT {

    @TempDir
    Path tmp;

    @Test
    void comparesThePipelineWithTheBareDetectorRunBeforeAndAfterIt() throws Exception {
        Path video = TestVideos.mp4(tmp.resolve("clip.mp4"), 12, 25, 160, 120);
        Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));

        CliRun run = CliRun.of(
                "bench",
                "pipeline",
                "--source",
                video.toString(),
                "--model",
                model.toString(),
                "--device",
                "cpu",
                "--frames",
                "12",
                "--no-single");

        System.out.println(run.out());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        double bare = figure(run.out(), "bare detector frames/s (B=4)");
        double before = figure(run.out(), "  before the pipeline run");
        double after = figure(run.out(), "  after the pipeline run");
        double pipeline = figure(run.out(), "pipeline frames/s (B=4)");
        assertThat(before).isPositive();
        assertThat(after).isPositive();
        assertThat(bare).isCloseTo((before + after) / 2, within(0.011));
        assertThat(figure(run.out(), "pipeline / bare"))
                .isCloseTo(pipeline / bare, within(0.011 + pipeline / bare / 100));
        assertThat(run.out()).doesNotContain("pipeline frames/s (B=1)");
    }

    private static double figure(String out, String name) {
        Matcher row = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s+(\\d+\\.\\d+)$")
                .matcher(out);
        assertThat(row.find()).as("a row '%s' in:%n%s", name, out).isTrue();
        return Double.parseDouble(row.group(1));
    }
}
