package dev.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.RegistryTls;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import dev.vigil.schemas.registry.server.store.KafkaSchemaStoreConfig;
import dev.vigil.schemas.testkit.SampleRecords;
import dev.vigil.schemas.testkit.SharedKafkaBroker;
import dev.vigil.schemas.testkit.TestKeyStores;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent's own Python client (Debian {@code python3-confluent-kafka}, with {@code
 * python3-avro} for the Avro binary) against the embedded registry on a real broker: registry
 * calls, and Frames written by each side read by the other.
 */
@ExtendWith(SharedKafkaBroker.class)
class ConfluentPythonInteropTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("src/test/python/confluent_interop.py");
    private static final Path SECURED_SCRIPT = Path.of("src/test/python/confluent_secured.py");
    private static final String USER_INFO = "vigil-app:Pw-for-interop-7";
    private static final String APT_PACKAGES = "python3-confluent-kafka python3-avro python3-requests";
    private static final long SCRIPT_TIMEOUT_S = 60;

    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startRegistry() {
        registry = EmbeddedSchemaRegistry.start(
                RegistryServerConfig.ephemeral(),
                KafkaSchemaStoreConfig.forCluster(SharedKafkaBroker.bootstrapServers())
                        .withTopic("_schemas_python_interop"));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void confluentPythonClientAndJavaSerdeUnderstandEachOther(@TempDir Path work) throws Exception {
        AvroSerde<Frame> serde =
                AvroSerdes.specific(Frame.class, Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url()));
        Frame frame = SampleRecords.frame();
        byte[] javaBytes = serde.serializer().serialize("frames-interop", frame);
        int javaSchemaId = ByteBuffer.wrap(javaBytes, 1, WireFormat.ID_SIZE).getInt();
        Path javaFile = Files.write(work.resolve("java-frame.bin"), javaBytes);
        Path pythonFile = work.resolve("python-frame.bin");

        JsonNode out = runScript(SCRIPT, registry.url(), javaFile.toString(), pythonFile.toString());

        JsonNode calls = out.get("registry");
        int sensorId = calls.get("registered_id").asInt();
        assertThat(calls.get("fetched_by_id").get("name").asText()).isEqualTo("Sensor");
        assertThat(calls.get("versions").toString()).isEqualTo("[1]");
        assertThat(calls.get("latest").get("id").asInt()).isEqualTo(sensorId);
        assertThat(calls.get("latest").get("version").asInt()).isEqualTo(1);
        assertThat(calls.get("latest").get("subject").asText()).isEqualTo("py-sensor-value");
        assertThat(calls.get("lookup").get("id").asInt()).isEqualTo(sensorId);
        assertThat(calls.get("same_schema_other_subject_id").asInt()).isEqualTo(sensorId);
        assertThat(calls.get("compatible").asBoolean()).isTrue();
        assertThat(calls.get("incompatible").asBoolean()).isFalse();
        assertThat(calls.get("breaking_registration").get("http_status").asInt())
                .isEqualTo(409);
        assertThat(calls.get("breaking_registration").get("error_code").asInt()).isEqualTo(409);
        assertThat(calls.get("subject_compatibility").asText()).isEqualTo("FULL");
        assertThat(calls.get("global_compatibility").asText()).isEqualTo("BACKWARD");
        assertThat(calls.get("missing_version").get("error_code").asInt()).isEqualTo(40402);
        assertThat(calls.get("subjects").toString()).contains("frames-interop-value", "py-sensor-value");

        JsonNode decoded = out.get("java_frame");
        assertThat(decoded.get("schema_id").asInt()).isEqualTo(javaSchemaId);
        assertThat(decoded.get("camera_id").asText()).isEqualTo(frame.getCameraId());
        assertThat(decoded.get("frame_sequence").asLong()).isEqualTo(frame.getFrameSequence());
        assertThat(decoded.get("capture_time_ms").asLong())
                .isEqualTo(frame.getCaptureTime().toEpochMilli());
        assertThat(decoded.get("width").asInt()).isEqualTo(frame.getWidth());
        assertThat(decoded.get("height").asInt()).isEqualTo(frame.getHeight());
        assertThat(decoded.get("encoding").asText())
                .isEqualTo(frame.getEncoding().name());
        assertThat(decoded.get("image_hex").asText())
                .isEqualTo(HexFormat.of().formatHex(frame.getImage().array()));
        assertThat(decoded.get("ingest_host").asText()).isEqualTo(frame.getIngestHost());

        assertThat(out.get("python_frame_schema_id").asInt()).isEqualTo(javaSchemaId);
        Frame fromPython = serde.deserializer().deserialize("frames-py", Files.readAllBytes(pythonFile));
        assertThat(fromPython.getCameraId()).isEqualTo("py-cam");
        assertThat(fromPython.getFrameSequence()).isEqualTo(7);
        assertThat(fromPython.getCaptureTime()).isEqualTo(Instant.parse("2024-05-02T08:30:00.250Z"));
        assertThat(fromPython.getEncoding()).isEqualTo(ImageEncoding.PNG);
        assertThat(StandardCharsets.ISO_8859_1.decode(fromPython.getImage()).toString())
                .isEqualTo("\u0089PNG-bytes");
        assertThat(fromPython.getIngestHost()).isEqualTo("python");
    }

    /** Basic auth and HTTPS as Confluent's client speaks them: refused without credentials, served with them. */
    @Test
    void confluentPythonClientUsesAnHttpsRegistryThatRequiresCredentials() throws Exception {
        TestKeyStores stores = TestKeyStores.shared();
        RegistryServerConfig secured = RegistryServerConfig.ephemeral()
                .withBasicAuth(USER_INFO)
                .withTls(RegistryTls.serverOnly(stores.registryKeyStore()));
        try (EmbeddedSchemaRegistry https = EmbeddedSchemaRegistry.start(secured, new InMemorySchemaStore())) {
            JsonNode out = runScript(SECURED_SCRIPT, https.url(), stores.caPem().toString(), USER_INFO);

            assertThat(out.get("anonymous").get("http_status").asInt()).isEqualTo(401);
            assertThat(out.get("anonymous").get("error_code").asInt()).isEqualTo(401);
            assertThat(out.get("wrong_password").get("http_status").asInt()).isEqualTo(401);
            assertThat(out.get("registered_id").asInt()).isPositive();
            assertThat(out.get("subjects").toString()).isEqualTo("[\"py-secured-value\"]");
        }
    }

    private static JsonNode runScript(Path script, String... args) throws IOException, InterruptedException {
        assertThat(PYTHON)
                .as("Debian's python3 (apt-get install -y %s)", APT_PACKAGES)
                .isExecutable();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        // requests lets these variables override the client's own CA file (its ssl.ca.location).
        builder.environment().remove("REQUESTS_CA_BUNDLE");
        builder.environment().remove("CURL_CA_BUNDLE");
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        byte[] stderr = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(SCRIPT_TIMEOUT_S, TimeUnit.SECONDS))
                .as("script finished")
                .isTrue();
        String output = new String(stdout, StandardCharsets.UTF_8).trim();
        assertThat(output)
                .as("Confluent's Python client is missing: apt-get install -y %s", APT_PACKAGES)
                .doesNotContain("import_error");
        assertThat(process.exitValue())
                .as("script failed: %s", new String(stderr, StandardCharsets.UTF_8))
                .isZero();
        return new ObjectMapper().readTree(output);
    }
}
