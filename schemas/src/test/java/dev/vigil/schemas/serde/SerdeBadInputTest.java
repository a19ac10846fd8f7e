package dev.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.RestSchemaRegistryClient;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import dev.vigil.schemas.testkit.SampleRecords;
import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad payload or record gives a SerializationException naming topic and cause. */
class SerdeBadInputTest {

    private static final String TOPIC = "frames";

    private EmbeddedSchemaRegistry registry;
    private AvroSerde<Frame> serde;

    @BeforeEach
    void start() {
        registry = EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore());
        serde = AvroSerdes.specific(Frame.class, config());
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, (byte[]) null)).isNull();
    }

    @Test
    void wireFormatIsMagicByteBigEndianIdThenAvro() {
        byte[] payload = serde.serializer().serialize(TOPIC, SampleRecords.frame());
        int id = client().lookup("frames-value", Frame.getClassSchema().toString())
                .id();

        assertThat(payload[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(ByteBuffer.wrap(payload, 1, 4).getInt()).isEqualTo(id);
        assertThat(payload[5]).as("zig-zag length of camera_id \"gate-1\"").isEqualTo((byte) 12);
    }

    @Test
    void unknownMagicByte() {
        byte[] payload = serde.serializer().serialize(TOPIC, SampleRecords.frame());
        payload[0] = 1;

        assertDeserializationFails(payload, "unknown magic byte 0x01");
    }

    @Test
    void unknownSchemaId() {
        byte[] payload = serde.serializer().serialize(TOPIC, SampleRecords.frame());
        ByteBuffer.wrap(payload).putInt(1, 4242);

        SerializationException e = assertDeserializationFails(payload, "unknown schema id 4242");
        assertThat(e).hasMessageContaining("schema id 4242").hasCauseInstanceOf(RegistryException.class);
    }

    @Test
    void payloadShorterThanTheHeader() {
        assertDeserializationFails(new byte[] {0, 0, 1}, "shorter than the 5-byte header");
    }

    @Test
    void truncatedAvroBody() {
        byte[] payload = serde.serializer().serialize(TOPIC, SampleRecords.frame());
        byte[] truncated = Arrays.copyOf(payload, payload.length - 10);

        SerializationException e = assertDeserializationFails(truncated, "truncated");
        assertThat(e).hasCauseInstanceOf(EOFException.class);
    }

    @Test
    void bytesLeftOverMeanTheRecordDoesNotMatchItsSchema() {
        byte[] payload = serde.serializer().serialize(TOPIC, SampleRecords.frame());
        byte[] longer = Arrays.copyOf(payload, payload.length + 3);

        assertDeserializationFails(longer, "bytes left over");
    }

    @Test
    void recordThatDoesNotMatchItsSchema() {
        GenericRecord incomplete = new GenericData.Record(Frame.getClassSchema());
        incomplete.put("camera_id", "gate-1");
        AvroSerde<GenericRecord> generic = AvroSerdes.generic(config());

        assertThatThrownBy(() -> generic.serializer().serialize(TOPIC, incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Serialization failed for the value of a record of topic 'frames'")
                .hasMessageContaining("frame_sequence")
                .hasCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void unregisteredSchemaWithAutoRegisterOffFailsClearly() {
        Map<String, Object> config = new HashMap<>(config());
        config.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        AvroSerde<Frame> lookupOnly = AvroSerdes.specific(Frame.class, config);

        assertThatThrownBy(() -> lookupOnly.serializer().serialize(TOPIC, SampleRecords.frame()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("topic 'frames'")
                .hasMessageContaining("not registered under subject 'frames-value'")
                .hasMessageContaining("auto.register.schemas is false");

        byte[] registered = serde.serializer().serialize(TOPIC, SampleRecords.frame());
        assertThat(lookupOnly.serializer().serialize(TOPIC, SampleRecords.frame()))
                .isEqualTo(registered);
    }

    @Test
    void keysUseTheKeySubject() {
        AvroSerde<Frame> keySerde = AvroSerdes.specific(Frame.class, config(), true);
        keySerde.serializer().serialize(TOPIC, SampleRecords.frame());

        assertThat(client().subjects()).containsExactly("frames-key");
    }

    @Test
    void callersCanAttachPartitionAndOffset() {
        AvroSerdeException e =
                (AvroSerdeException) assertDeserializationFails(new byte[] {7, 0, 0, 0, 1, 2}, "magic byte");

        AvroSerdeException located = e.at(3, 1234L);

        assertThat(located)
                .hasMessageStartingWith(
                        "Deserialization failed for the value of a record of topic 'frames' partition 3 offset 1234")
                .hasCause(e.getCause());
        assertThat(located.partition()).isEqualTo(3);
        assertThat(located.offset()).isEqualTo(1234L);
    }

    private SerializationException assertDeserializationFails(byte[] payload, String reason) {
        try {
            serde.deserializer().deserialize(TOPIC, payload);
        } catch (SerializationException e) {
            assertThat(e)
                    .isInstanceOf(AvroSerdeException.class)
                    .hasMessageContaining("topic 'frames'")
                    .hasMessageContaining(reason)
                    .hasCauseInstanceOf(Exception.class);
            return e;
        }
        throw new AssertionError("deserialization of a bad payload did not fail");
    }

    private RestSchemaRegistryClient client() {
        return RestSchemaRegistryClient.forUrl(registry.url());
    }

    private Map<String, Object> config() {
        return Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
    }
}
