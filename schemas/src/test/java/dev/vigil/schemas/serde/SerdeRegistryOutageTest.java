package dev.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.RegistryUnavailableException;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import dev.vigil.schemas.testkit.FixedAnswerServer;
import dev.vigil.schemas.testkit.KafkaTopics;
import dev.vigil.schemas.testkit.SampleRecords;
import dev.vigil.schemas.testkit.SharedKafkaBroker;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A registry outage is not bad data: the serde says "registry unavailable" (transient) when the registry is down, and
 * "bad record" only when the record itself is at fault, so a consumer can retry the one and dead-letter the other.
 */
@ExtendWith(SharedKafkaBroker.class)
class SerdeRegistryOutageTest {

    private static final String TOPIC = "frames-outage";

    @Test
    void aRegistryThatIsDownIsTransientNotABadRecord() {
        byte[] goodFrame;
        String url;
        try (EmbeddedSchemaRegistry registry = startRegistry()) {
            url = registry.url();
            goodFrame = serde(url).serializer().serialize(TOPIC, SampleRecords.frame());
        }
        int schemaId = ByteBuffer.wrap(goodFrame, 1, 4).getInt();

        assertThatThrownBy(() -> serde(url).deserializer().deserialize(TOPIC, goodFrame))
                .isInstanceOf(RegistryUnavailableException.class)
                .isNotInstanceOf(SerializationException.class)
                .hasMessageContaining("Deserialization failed for the value of a record of topic '" + TOPIC + "'")
                .hasMessageContaining("schema id " + schemaId)
                .hasMessageContaining("unavailable")
                .hasMessageContaining(url)
                .hasMessageContaining("ConnectException");
        assertThatThrownBy(() -> serde(url).serializer().serialize(TOPIC, SampleRecords.frame()))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("Serialization failed for the value of a record of topic '" + TOPIC + "'");
    }

    @Test
    void aRegistryAnsweringServerErrorsIsTransientToo() throws Exception {
        try (FixedAnswerServer down = FixedAnswerServer.answering(
                503, "{\"error_code\":50001,\"message\":\"Error in the backend data store\"}")) {
            byte[] frame = withSchemaId(42);

            assertThatThrownBy(() -> serde(down.url()).deserializer().deserialize(TOPIC, frame))
                    .isInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("schema id 42")
                    .hasMessageContaining("Error in the backend data store")
                    .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(503));
            assertThat(down.requests()).as("tries, retries included").isEqualTo(2);
        }
    }

    @Test
    void anUnknownSchemaIdWithTheRegistryUpIsABadRecord() {
        try (EmbeddedSchemaRegistry registry = startRegistry()) {
            assertThatThrownBy(() -> serde(registry.url()).deserializer().deserialize(TOPIC, withSchemaId(4242)))
                    .isInstanceOf(AvroSerdeException.class)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("unknown schema id 4242")
                    .satisfies(e ->
                            assertThat(RegistryUnavailableException.findIn(e)).isEmpty());
        }
    }

    @Test
    void refusedCredentialsAreNeitherABadRecordNorTransient() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                RegistryServerConfig.ephemeral().withBasicAuth("vigil:s3cret-pw"), new InMemorySchemaStore())) {
            assertThatThrownBy(() -> serde(registry.url()).deserializer().deserialize(TOPIC, withSchemaId(1)))
                    .isInstanceOf(RegistryException.class)
                    .isNotInstanceOf(RegistryUnavailableException.class)
                    .isNotInstanceOf(SerializationException.class)
                    .hasMessageContaining("topic '" + TOPIC + "'")
                    .hasMessageContaining("basic.auth.user.info")
                    .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(401));
        }
    }

    /** What a plain Kafka consumer sees: its RecordDeserializationException carries the outage as its cause. */
    @Test
    void aConsumerCanTellTheOutageInsideKafkasWrapper() throws Exception {
        KafkaTopics kafka = new KafkaTopics(SharedKafkaBroker.bootstrapServers());
        kafka.create(TOPIC);
        String url;
        try (EmbeddedSchemaRegistry registry = startRegistry()) {
            url = registry.url();
            kafka.produce(TOPIC, serde(url).serializer(), List.of(SampleRecords.frame()));
        }

        assertThatThrownBy(() -> kafka.read(TOPIC, serde(url).deserializer(), 1))
                .isInstanceOf(RecordDeserializationException.class)
                .satisfies(
                        e -> assertThat(RegistryUnavailableException.findIn(e)).isPresent());
    }

    private static EmbeddedSchemaRegistry startRegistry() {
        return EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore());
    }

    /** A serde with one quick retry, so an outage is declared in well under a second. */
    private static AvroSerde<Frame> serde(String url) {
        return AvroSerdes.specific(
                Frame.class,
                Map.of(
                        RegistryClientConfig.SCHEMA_REGISTRY_URL, url,
                        RegistryClientConfig.MAX_RETRIES, 1,
                        RegistryClientConfig.RETRY_BACKOFF_MS, 10,
                        RegistryClientConfig.CONNECT_TIMEOUT_MS, 2_000));
    }

    /** A well-formed Confluent header with {@code schemaId} and an arbitrary body. */
    private static byte[] withSchemaId(int schemaId) {
        return ByteBuffer.allocate(8)
                .put((byte) 0)
                .putInt(schemaId)
                .put(new byte[] {2, 'a', 0})
                .array();
    }
}
