package dev.vigil.model.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The promise that 10,000 detect calls do not grow the process: {@link DetectorSoak} runs the shipped model
 * 10,000 times in a JVM of its own with a 128 MB heap, so that its resident memory is mostly native (libtorch and
 * DJL). Arrays leaked per call, even one input batch of 3×96×128 floats, would add more than a gigabyte.
 */
class DetectorMemoryTest {

    private static final int CALLS = 10_000;
    /** Growth allowed from call 2,000 to 10,000: code caches and glibc's arenas settling, far below any leak. */
    private static final long ALLOWED_GROWTH_KB = 32 * 1024;

    @Test
    void tenThousandCallsDoNotGrowTheProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process soak = new ProcessBuilder(
                        java.toString(),
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DetectorSoak.class.getName(),
                        DefaultModelTest.DEFAULT_MODEL.toString(),
                        Integer.toString(CALLS))
                .redirectErrorStream(true)
                .start();
        List<Long> residentKb = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(soak.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.startsWith("calls=")) {
                    residentKb.add(Long.parseLong(line.substring(line.indexOf("rss_kb=") + "rss_kb=".length())));
                }
            }
        }
        assertThat(soak.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(soak.exitValue())
                .as("soak exit; its output:%n%s", String.join("\n", tail(output)))
                .isZero();
        assertThat(residentKb)
                .as("one reading per %d calls", DetectorSoak.REPORT_EVERY)
                .hasSize(CALLS / DetectorSoak.REPORT_EVERY);
        long atTwoThousand = residentKb.get(1);
        long atEnd = residentKb.get(residentKb.size() - 1);
        assertThat(atEnd - atTwoThousand)
                .as("resident memory growth (kB) from call 2,000 to %d, readings %s", CALLS, residentKb)
                .isLessThan(ALLOWED_GROWTH_KB);
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 30), lines.size());
    }
}
