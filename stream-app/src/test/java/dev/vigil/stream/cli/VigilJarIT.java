package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code vigil.jar} (what {@code ./vigil} runs, with its {@code lib/} folder) in its own JVM: every class
 * a command needs at run time is there, not only on the test class path (a dependency in test scope once hid the
 * YAML reader of the scene files from the jar).
 */
class VigilJarIT {

    static final Path JAR = Path.of(System.getProperty("vigil.repo.root", ".."))
            .resolve("stream-app/target/vigil.jar")
            .toAbsolutePath()
            .normalize();

    record Run(int exitCode, String output) {}

    static Run vigil(String... args) throws Exception {
        assertThat(JAR)
                .withFailMessage("%s missing: the package phase makes it", JAR)
                .exists();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void detectsHelpNamesTheTrackingOptions() throws Exception {
        Run run = vigil("detect", "--help");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("--[no-]tracking", "--scene=FILE", "--count-window");
    }

    @Test
    void theTrackingStageBenchmarkRunsFromTheJar() throws Exception {
        Run run = vigil("bench", "tracking-stage", "--objects", "10", "--frames", "50", "--warmup", "0");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("tracking stage: 10 objects, 50 frames timed")
                .contains("whole stage");
    }
}
