package dev.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.compat.CompatibilityLevel;
import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.RestSchemaRegistryClient;
import dev.vigil.schemas.registry.api.ErrorCodes;
import dev.vigil.schemas.testkit.KafkaTopics;
import dev.vigil.schemas.testkit.SampleRecords;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.ConfluentKafkaContainer;

/**
 * Vigil's serde and registry client against the real Confluent Schema Registry and Kafka images.
 * Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentContainersTest {

    private static final String CONFLUENT_VERSION = "7.9.0";
    private static final int REGISTRY_PORT = 8081;
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"t\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String V2_WITHOUT_DEFAULT =
            "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"t\",\"fields\":"
                    + "[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}]}";

    private static final Network NETWORK = Network.newNetwork();

    @Container
    private static final ConfluentKafkaContainer KAFKA = new ConfluentKafkaContainer(
                    "confluentinc/cp-kafka:" + CONFLUENT_VERSION)
            .withNetwork(NETWORK)
            .withListener("kafka:19092");

    @Container
    private static final GenericContainer<?> REGISTRY = new GenericContainer<>(
                    "confluentinc/cp-schema-registry:" + CONFLUENT_VERSION)
            .withNetwork(NETWORK)
            .dependsOn(KAFKA)
            .withExposedPorts(REGISTRY_PORT)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

    @Test
    void recordsRoundTripThroughConfluentKafkaAndRegistry() throws Exception {
        KafkaTopics kafka = new KafkaTopics(KAFKA.getBootstrapServers());
        kafka.create("frames", "detections");
        AvroSerde<Frame> frames = AvroSerdes.specific(Frame.class, config());
        AvroSerde<DetectionEvent> events = AvroSerdes.specific(DetectionEvent.class, config());

        kafka.produce("frames", frames.serializer(), List.of(SampleRecords.frame()));
        kafka.produce("detections", events.serializer(), List.of(SampleRecords.detectionEvent()));

        assertThat(kafka.read("frames", frames.deserializer(), 1).get(0).value())
                .isEqualTo(SampleRecords.frame());
        assertThat(kafka.read("detections", events.deserializer(), 1).get(0).value())
                .isEqualTo(SampleRecords.detectionEvent());
    }

    @Test
    void clientSpeaksConfluentsApi() {
        RestSchemaRegistryClient client = RestSchemaRegistryClient.forUrl(registryUrl());
        int id = client.register("containers-value", V1);

        assertThat(client.register("containers-value", V1)).isEqualTo(id);
        assertThat(client.register("containers-other-value", V1)).isEqualTo(id);
        assertThat(client.latestVersion("containers-value").version()).isEqualTo(1);
        assertThat(client.lookup("containers-value", V1).id()).isEqualTo(id);
        assertThat(client.isCompatible("containers-value", "latest", V2_WITHOUT_DEFAULT))
                .isFalse();
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertRefused(
                () -> client.register("containers-value", V2_WITHOUT_DEFAULT), 409, ErrorCodes.INCOMPATIBLE_SCHEMA);
        assertRefused(() -> client.versions("containers-none"), 404, ErrorCodes.SUBJECT_NOT_FOUND);
        assertRefused(() -> client.version("containers-value", 9), 404, ErrorCodes.VERSION_NOT_FOUND);
        assertRefused(() -> client.schemaById(99_999), 404, ErrorCodes.SCHEMA_NOT_FOUND);

        client.setCompatibility("containers-value", CompatibilityLevel.NONE);
        assertThat(client.compatibility("containers-value")).contains(CompatibilityLevel.NONE);
    }

    private static void assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, int errorCode) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.errorCode()).isEqualTo(errorCode);
        });
    }

    private static String registryUrl() {
        return "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(REGISTRY_PORT);
    }

    private static Map<String, Object> config() {
        return Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registryUrl());
    }
}
