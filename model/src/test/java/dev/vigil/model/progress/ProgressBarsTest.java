package dev.vigil.model.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

/** Off a terminal the bar is whole plain lines: no carriage return, the task, the count and the extra message. */
class ProgressBarsTest {

    @Test
    void offATerminalTheBarWritesWholeLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressBar bar =
                ProgressBars.builder("train", 300, " it", out, false).build()) {
            bar.stepTo(120);
            bar.setExtraMessage(" loss 1.203 (rpn 0.412/0.101 head 0.512/0.178) lr 0.0005 3.1 img/s");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("\r").endsWith(System.lineSeparator());
        String last = text.lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last)
                .startsWith("train")
                .contains("120/300")
                .as("the message is not cut")
                .endsWith("lr 0.0005 3.1 img/s");
    }

    @Test
    void aSlowRateKeepsItsLeadingZero() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressBar bar =
                ProgressBars.builder("label", 600, " images", out, false).build()) {
            Thread.sleep(2600);
            bar.stepTo(1);
        }
        String last = bytes.toString(StandardCharsets.UTF_8)
                .lines()
                .reduce((a, b) -> b)
                .orElseThrow();

        assertThat(last).containsPattern(" 0\\.\\d images/s").doesNotContainPattern("[^0-9]\\.\\d images/s");
    }
}
