package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.EventWatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A normal start of {@code vigil demo}, {@code vigil detect} and {@code vigil ingest}, each from the packaged jar in a
 * JVM of its own (the shipped logging configuration, the shipped model, libtorch's own stderr), prints no ERROR and
 * no warning outside {@link #ALLOWED}, where each line a user may see is allowed with the reason it is there.
 */
class QuietLogsIT {

    private static final Path REPO = Path.of(System.getProperty("vigil.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final String MODEL = REPO.resolve("models/vigil-default").toString();
    private static final String FOOTAGE = REPO.resolve("data/samples/vtest.avi").toString();
    private static final int FRAMES = 6;

    /** Warnings a normal start may print, by pattern, each with why the user sees it. None today. */
    static final Map<Pattern, String> ALLOWED = Map.of();

    /** A log line of Vigil's text format at WARN or ERROR, whoever logged it. */
    private static final Pattern LOGGED_PROBLEM = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR) ");
    /** A log line of Vigil's text format at INFO or below. */
    private static final Pattern LOGGED_INFO = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (INFO|DEBUG|TRACE) ");
    /**
     * Anything else that reads as a problem: native code's own lines (libtorch's "[W1207 21:29:49.57 file:74]
     * Warning: ..."), the JVM's "WARNING:", exceptions and their stack frames.
     */
    private static final Pattern OTHER_PROBLEM =
            Pattern.compile("^\\[[WEF]\\d{4} |(?i)\\bwarning\\b|\\berror\\b|exception|^\\s+at |^Caused by");

    @TempDir
    Path tmp;

    record Output(int exitCode, List<String> stdout, List<String> stderr) {}

    @Test
    void aNormalStartOfDemoDetectAndIngestPrintsNoWarning() throws Exception {
        Output demo = run(
                "demo",
                Duration.ofMinutes(5),
                "demo",
                "--model",
                MODEL,
                "--source",
                FOOTAGE,
                "--max-frames",
                String.valueOf(FRAMES),
                "--device",
                "cpu",
                "--out",
                tmp.resolve("demo-out").toString(),
                "--web-port",
                "0");
        assertThat(demo.exitCode()).as(String.join("\n", demo.stderr())).isZero();
        assertThat(String.join("\n", demo.stdout()))
                .contains("Done: " + FRAMES + " frames sent, " + FRAMES + " events");
        assertQuiet("demo", demo);

        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            List<String> kafka = List.of(
                    "--bootstrap-servers",
                    infra.bootstrapServers(),
                    "--schema-registry-url",
                    infra.schemaRegistryUrl());
            List<String> detectArgs = new ArrayList<>(List.of("detect"));
            detectArgs.addAll(kafka);
            detectArgs.addAll(List.of(
                    "--model",
                    MODEL,
                    "--device",
                    "cpu",
                    "--state-dir",
                    tmp.resolve("detect-state").toString(),
                    "--web-port",
                    "0"));
            Process detect = start("detect", detectArgs);
            // subscribe once detect has made its topics (a subscriber first would have the broker auto-create them)
            awaitLine("detect", "vigil detect: frames -> detections", Duration.ofMinutes(3));
            try (EventWatcher events =
                    new EventWatcher(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.DETECTIONS)) {
                List<String> ingestArgs = new ArrayList<>(List.of("ingest"));
                ingestArgs.addAll(kafka);
                ingestArgs.addAll(List.of(
                        "--camera", "lobby=" + FOOTAGE, "--replay", "fast", "--max-frames", String.valueOf(FRAMES)));
                Output ingest = finish("ingest", start("ingest", ingestArgs), Duration.ofMinutes(3));
                assertThat(ingest.exitCode())
                        .as(String.join("\n", ingest.stderr()))
                        .isZero();
                assertQuiet("ingest", ingest);
                assertThat(events.awaitCount(FRAMES, Duration.ofMinutes(3)))
                        .as("detect answered every frame")
                        .hasSize(FRAMES);
            } finally {
                detect.destroy(); // SIGTERM: a clean stop is part of a normal run
            }
            Output detected = finish("detect", detect, Duration.ofMinutes(2));
            assertQuiet("detect", detected);
        }
    }

    private static void assertQuiet(String command, Output output) {
        List<String> problems = new ArrayList<>();
        for (List<String> stream : List.of(output.stdout(), output.stderr())) {
            for (String line : stream) {
                boolean problem = LOGGED_PROBLEM.matcher(line).find()
                        || (!LOGGED_INFO.matcher(line).find()
                                && OTHER_PROBLEM.matcher(line).find());
                if (problem
                        && ALLOWED.keySet().stream()
                                .noneMatch(p -> p.matcher(line).find())) {
                    problems.add(line);
                }
            }
        }
        assertThat(problems)
                .as(
                        "warnings and errors of a normal run of vigil %s (stderr:%n%s)",
                        command, String.join("\n", output.stderr()))
                .isEmpty();
    }

    private Process start(String name, List<String> args) throws Exception {
        assertThat(VigilJarIT.JAR)
                .withFailMessage("%s missing: the package phase makes it", VigilJarIT.JAR)
                .exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.vigil",
                // the OS's temporary folder of the command is not where this test keeps detect's --state-dir, as on a
                // user's machine (Kafka Streams rightly warns about a state directory the OS may clear)
                "-Djava.io.tmpdir=" + osTemp(),
                "-jar",
                VigilJarIT.JAR.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile())
                .start();
        process.getOutputStream().close();
        return process;
    }

    private void awaitLine(String name, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path err = tmp.resolve(name + ".err");
        while (!Files.readString(err, StandardCharsets.UTF_8).contains(text)) {
            assertThat(System.nanoTime())
                    .as("%s printed '%s' within %s:%n%s", name, text, timeout, Files.readString(err))
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private String osTemp() throws java.io.IOException {
        return Files.createDirectories(tmp.resolve("os-tmp")).toString();
    }

    private Output run(String name, Duration timeout, String... args) throws Exception {
        return finish(name, start(name, List.of(args)), timeout);
    }

    private Output finish(String name, Process process, Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return new Output(
                process.exitValue(),
                Files.readAllLines(tmp.resolve(name + ".out"), StandardCharsets.UTF_8),
                Files.readAllLines(tmp.resolve(name + ".err"), StandardCharsets.UTF_8));
    }
}
