package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import dev.vigil.model.testing.SampleFootage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil bench teachers} on the first three hand-checked frames (600, 610, 620), written from vtest.avi. */
class BenchTeachersCommandTest {

    private static final Path GROUND_TRUTH =
            SampleFootage.REPO.resolve("model/src/test/resources/groundtruth/vtest-600-794/annotations.json");

    @TempDir
    Path tmp;

    @Test
    void reportsApAndPrecisionRecallPerClass() throws Exception {
        SampleFootage.assumePresent();
        Map<Integer, Mat> frames = SampleFootage.frames(600, 610, 620);
        frames.forEach((n, frame) ->
                imwrite(tmp.resolve(String.format("vtest_%06d.jpg", n)).toString(), frame));
        frames.values().forEach(Mat::close);
        StringWriter out = new StringWriter();
        BenchTeachersCommand command = new BenchTeachersCommand();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        command.modelRoot = SampleFootage.REPO;
        int exit = cli.execute(
                "--dataset", GROUND_TRUTH.toString(),
                "--images", tmp.toString(),
                "--max-images", "3",
                "--teachers", "ssd",
                "--thresholds", "0.4");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("3 images")
                .containsPattern("ssd \\(ssd-mobilenetv2-oidv4\\): \\d+\\.\\d ms per image; COCO AP 0\\.\\d{3}")
                .containsPattern("person +AP 0\\.\\d{3} AP50 0\\.\\d{3} \\| >=0\\.40 P [01]\\.\\d\\d R [01]\\.\\d\\d")
                .containsPattern("car +AP ");
    }
}
