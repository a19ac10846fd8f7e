package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.registry.KeyStoreFile;
import dev.vigil.schemas.testkit.TestKeyStores;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.CliRun;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
    private static final String USER_INFO = "camera-ops:Infra-Pw-9931";

    @TempDir
    Path dataDir;

    @Test
    void confluentsClientUsesTheRegistryAndSchemaIdsSurviveARestart() throws Exception {
        int id;
        try (RunningInfra infra = RunningInfra.start(dataDir, Map.of())) {
            assertThat(infra.settings.get("bootstrap.servers")).matches("127\\.0\\.0\\.1:\\d+");
            JsonNode registered = python(
                    infra.settings.get("schema.registry.url"), "register", "frames-value", FRAME_SCHEMA.toString());
            id = registered.get("id").asInt();
            assertThat(id).isPositive();
        }
        try (RunningInfra infra = RunningInfra.start(dataDir, Map.of())) {
            JsonNode fetched = python(infra.settings.get("schema.registry.url"), "fetch", String.valueOf(id));
            assertThat(fetched.get("schema").get("name").asText()).isEqualTo("Frame");
            assertThat(fetched.get("subjects").toString()).contains("frames-value");
        }
    }

    /**
     * {@code vigil infra --registry-basic-auth-user-info ... --registry-ssl-keystore-location ...}: Confluent's Python
     * client and Vigil's own commands get in with the credentials and the CA, and are refused without them; the
     * password (given by environment variable) appears in none of infra's output.
     */
    @Test
    void aRegistryWithCredentialsAndHttpsServesOnlyClientsThatHaveThem() throws Exception {
        TestKeyStores stores = TestKeyStores.shared();
        KeyStoreFile keyStore = stores.registryKeyStore();
        Map<String, String> env = Map.of(
                "VIGIL_REGISTRY_BASIC_AUTH_USER_INFO",
                USER_INFO,
                "VIGIL_REGISTRY_SSL_KEYSTORE_PASSWORD",
                TestKeyStores.PASSWORD);
        try (RunningInfra infra = RunningInfra.start(
                dataDir,
                env,
                "--registry-ssl-keystore-location",
                keyStore.location().toString(),
                "--registry-ssl-keystore-type",
                keyStore.type())) {
            String url = infra.settings.get("schema.registry.url");
            assertThat(url).startsWith("https://127.0.0.1:");
            assertThat(infra.settings).containsEntry("basic.auth.credentials.source", "USER_INFO");
            String ca = stores.caPem().toString();

            JsonNode anonymous = pythonRefused("--ca", ca, url, "register", "frames-value", FRAME_SCHEMA.toString());
            assertThat(anonymous.get("http_status").asInt()).isEqualTo(401);
            JsonNode registered = python(
                    "--ca", ca, "--user-info", USER_INFO, url, "register", "frames-value", FRAME_SCHEMA.toString());
            assertThat(registered.get("id").asInt()).isPositive();

            // The trust store keys are Confluent's in a --config file and in the serde settings alike.
            Map<String, String> trust = Map.of(
                    "schema.registry.ssl.truststore.location",
                    stores.trustsCa().location().toString(),
                    "schema.registry.ssl.truststore.password",
                    TestKeyStores.PASSWORD,
                    "schema.registry.ssl.truststore.type",
                    "PKCS12");
            Path clientConfig = dataDir.resolve("registry-client.properties");
            Properties client = new Properties();
            client.putAll(trust);
            client.setProperty("schema.registry.basic.auth.user.info", USER_INFO);
            try (Writer out = Files.newBufferedWriter(clientConfig)) {
                client.store(out, "what a Vigil command needs for this registry");
            }
            Map<String, Object> serde = new HashMap<>(trust);
            serde.put("basic.auth.credentials.source", "USER_INFO");
            serde.put("basic.auth.user.info", USER_INFO);
            serde.put("schema.registry.url", url);
            AvroRecords.write(
                    infra.settings.get("bootstrap.servers"),
                    serde,
                    "detections-secured",
                    DetectionEvent.class,
                    List.of(ConsumeCommandIT.event("cam-s", 0, List.of())),
                    DetectionEvent::getCameraId,
                    DetectionEvent::getFrameTime);

            CliRun consumed = consume(infra, url, "--config", clientConfig.toString());
            assertThat(consumed.exitCode()).as(consumed.err()).isZero();
            assertThat(consumed.out()).contains("\"event_id\":\"cam-s-0\"");

            Path trustOnly = dataDir.resolve("registry-trust.properties");
            client.remove("schema.registry.basic.auth.user.info");
            try (Writer out = Files.newBufferedWriter(trustOnly)) {
                client.store(out, "the registry's CA, no credentials");
            }
            CliRun refused = consume(infra, url, "--config", trustOnly.toString());
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err())
                    .contains("Schema registry at " + url + " (--schema-registry-url) refused")
                    .contains("needs credentials")
                    .contains("basic.auth.user.info");
        }
        String password = USER_INFO.substring(USER_INFO.indexOf(':') + 1);
        assertThat(Files.readString(dataDir.resolve(RunningInfra.OUTPUT)))
                .as("infra's output")
                .contains("Ready")
                .doesNotContain(password)
                .doesNotContain(TestKeyStores.PASSWORD);
    }

    private static CliRun consume(RunningInfra infra, String url, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "consume",
                "--bootstrap-servers",
                infra.settings.get("bootstrap.servers"),
                "--schema-registry-url",
                url,
                "--topic",
                "detections-secured",
                "--from-beginning",
                "--max-records",
                "1",
                "--timeout",
                "20s"));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode python(String... args) throws Exception {
        return runPython(0, args);
    }

    /** Runs the client where the registry is expected to refuse: exit code 2 and the refusal as JSON. */
    private static JsonNode pythonRefused(String... args) throws Exception {
        return runPython(2, args);
    }

    private static JsonNode runPython(int expectedExitCode, String... args) throws Exception {
        Process p = startPython(args);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .withFailMessage(
                        "Confluent's Python client exited %d, not %d (install Debian's python3-confluent-kafka): %s",
                        p.exitValue(), expectedExitCode, out)
                .isEqualTo(expectedExitCode);
        return JSON.readTree(out.substring(out.lastIndexOf('\n') + 1));
    }

    private static Process startPython(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", CLIENT_SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // requests lets these variables override the client's own CA file (its ssl.ca.location).
        builder.environment().remove("REQUESTS_CA_BUNDLE");
        builder.environment().remove("CURL_CA_BUNDLE");
        return builder.start();
    }

    /** {@code vigil infra} in its own JVM, on free ports; its stdout and stderr also go to {@link #OUTPUT}. */
    private static final class RunningInfra implements AutoCloseable {
        static final String OUTPUT = "infra-output.txt";
        final Process process;
        final Map<String, String> settings = new HashMap<>();

        private RunningInfra(Process process) {
            this.process = process;
        }

        static RunningInfra start(Path dataDir, Map<String, String> env, String... options) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(
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
                    dataDir.toString()));
            command.addAll(List.of(options));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve(OUTPUT).toFile());
            builder.environment().putAll(env);
            Process p = builder.start();
            RunningInfra infra = new RunningInfra(p);
            for (String line : awaitReady(p, dataDir.resolve(OUTPUT))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    infra.settings.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            assertThat(infra.settings).containsKeys("bootstrap.servers", "schema.registry.url", "data.dir");
            return infra;
        }

        /** The output's lines once it says "Ready". */
        private static List<String> awaitReady(Process p, Path output) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && p.isAlive()) {
                List<String> lines = Files.readAllLines(output);
                if (lines.stream().anyMatch(line -> line.startsWith("Ready"))) {
                    return lines;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while waiting for vigil infra", e);
                }
            }
            throw new AssertionError("vigil infra did not get ready: " + Files.readString(output));
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
