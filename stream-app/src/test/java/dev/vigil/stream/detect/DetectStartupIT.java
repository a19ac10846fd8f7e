package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.RtspTestCamera;
import dev.vigil.stream.testing.SmallModels;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil detect} fails fast and clearly at start: with no broker it names the address and the cause within its
 * connect attempts; with a weights file it cannot load it exits non-zero naming the file and the cause instead of
 * starting and failing in its stream threads.
 */
class DetectStartupIT {

    @TempDir
    Path tmp;

    static CliRun detect(String bootstrap, String registryUrl, Path model, Path stateDir, String... extra)
            throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "detect",
                "--bootstrap-servers",
                bootstrap,
                "--schema-registry-url",
                registryUrl,
                "--model",
                model.toString(),
                "--device",
                "cpu",
                "--state-dir",
                stateDir.toString()));
        args.addAll(List.of(extra));
        // a detect that does not fail runs until stopped: bounded here so that such a run fails the test
        return CompletableFuture.supplyAsync(() -> CliRun.of(args.toArray(String[]::new)))
                .get(90, TimeUnit.SECONDS);
    }

    @Test
    void withNoBrokerTheAddressAndTheCauseAreNamedWithinTheConnectAttempts() throws Exception {
        Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));
        String nowhere = "127.0.0.1:" + RtspTestCamera.freePort();
        Instant start = Instant.now();
        CliRun run = detect(
                nowhere,
                "http://127.0.0.1:" + RtspTestCamera.freePort(),
                model,
                tmp.resolve("state"),
                "--connect-attempts",
                "2",
                "--connect-timeout",
                "2s");
        Duration took = Duration.between(start, Instant.now());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err())
                .contains("Kafka at " + nowhere)
                .contains("--bootstrap-servers")
                .contains("unreachable after 2 attempt(s)")
                .doesNotContain(": null");
        assertThat(took).as("two attempts of 2 s and a back-off").isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aWeightsFileThatCannotBeLoadedStopsDetectAtStartNamingTheFile() throws Exception {
        Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));
        Path weights;
        try (var files = Files.list(model)) {
            weights = files.filter(f -> f.getFileName().toString().endsWith(".safetensors"))
                    .findFirst()
                    .orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            CliRun run = detect(infra.bootstrapServers(), infra.schemaRegistryUrl(), model, tmp.resolve("state"));
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.err()).contains(weights.getFileName().toString());
        }
    }
}
