package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil infra} as a user runs it: a separate JVM, used by Confluent's own Python registry client, stopped
 * with SIGTERM and started again on the same data directory.
 */
class InfraCommandIT {

    private static final Path REPO =
            Path.of(System.getProperty("vigil.repo.root", "..")).toAbsolutePath();
    private static final Path FRAME_SCHEMA = REPO.resolve("schemas/src/main/avro/Frame.avsc");
    private static final Path CLIENT_SCRIPT = REPO.resolve("stream-app/src/test/python/registry_client_check.py");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void confluentsClientUsesTheRegistryAndSchemaIdsSurviveARestart() throws Exception {
        int id;
        try (RunningInfra infra = RunningInfra.start(dataDir)) {
            assertThat(infra.settings.get("bootstrap.servers")).matches("127\\.0\\.0\\.1:\\d+");
            JsonNode registered = python(
                    infra.settings.get("schema.registry.url"), "register", "frames-value", FRAME_SCHEMA.toString());
            id = registered.get("id").asInt();
            assertThat(id).isPositive();
        }
        try (RunningInfra infra = RunningInfra.start(dataDir)) {
            JsonNode fetched = python(infra.settings.get("schema.registry.url"), "fetch", String.valueOf(id));
            assertThat(fetched.get("schema").get("name").asText()).isEqualTo("Frame");
            assertThat(fetched.get("subjects").toString()).contains("frames-value");
        }
    }

    private static JsonNode python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", CLIENT_SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .withFailMessage("Confluent's Python client failed (install Debian's python3-confluent-kafka): %s", out)
                .isZero();
        return JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
    }

    /** {@code vigil infra} in its own JVM, on free ports. */
    private static final class RunningInfra implements AutoCloseable {
        final Process process;
        final Map<String, String> settings = new HashMap<>();

        private RunningInfra(Process process) {
            this.process = process;
        }

        static RunningInfra start(Path dataDir) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process p = new ProcessBuilder(
                            java.toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            VigilCli.class.getName(),
                            "infra",
                            "--kafka-port",
                            "0",
                            "--registry-port",
                            "0",
                            "--data-dir",
                            dataDir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            RunningInfra infra = new RunningInfra(p);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = out.readLine()) != null && !line.startsWith("Ready"); ) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    infra.settings.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            assertThat(infra.settings).containsKeys("bootstrap.servers", "schema.registry.url", "data.dir");
            return infra;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("infra stops on SIGTERM")
                    .isTrue();
        }
    }
}
