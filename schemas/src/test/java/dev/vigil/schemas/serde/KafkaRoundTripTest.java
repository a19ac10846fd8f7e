package dev.vigil.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Annotation;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.RestSchemaRegistryClient;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.KafkaSchemaStoreConfig;
import dev.vigil.schemas.testkit.KafkaTopics;
import dev.vigil.schemas.testkit.SampleRecords;
import dev.vigil.schemas.testkit.SharedKafkaBroker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every record of the contract through the serde, a real broker and the embedded registry. */
@ExtendWith(SharedKafkaBroker.class)
class KafkaRoundTripTest {

    private static int topicCounter;

    private final KafkaTopics kafka = new KafkaTopics(SharedKafkaBroker.bootstrapServers());
    private String schemasTopic;
    private EmbeddedSchemaRegistry registry;

    @BeforeEach
    void startRegistry() {
        schemasTopic = "_schemas_roundtrip_" + (++topicCounter);
        registry = startRegistryOn(schemasTopic);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void specificRecordsRoundTripThroughTheBroker() throws Exception {
        assertSpecificRoundTrip("frames-specific", Frame.class, SampleRecords.frame());
        assertSpecificRoundTrip("detections-specific", DetectionEvent.class, SampleRecords.detectionEvent());
        assertSpecificRoundTrip("annotations-specific", Annotation.class, SampleRecords.annotation());
    }

    @Test
    void genericRecordsRoundTripThroughTheBroker() throws Exception {
        kafka.create("frames-generic", "frames-generic-again");
        Frame frame = SampleRecords.frame();
        kafka.produce("frames-generic", specificSerde(Frame.class).serializer(), List.of(frame));

        GenericRecord generic = kafka.read("frames-generic", genericSerde().deserializer(), 1)
                .get(0)
                .value();

        assertThat(generic.get("camera_id")).isEqualTo("gate-1");
        assertThat(generic.get("frame_sequence")).isEqualTo(42L);
        assertThat(generic.get("capture_time")).isEqualTo(SampleRecords.CAPTURED.toEpochMilli());
        assertThat(generic.get("encoding")).hasToString("JPEG");
        assertThat(generic.get("image")).isEqualTo(frame.getImage());

        kafka.produce("frames-generic-again", genericSerde().serializer(), List.of(generic));
        Frame back = kafka.read(
                        "frames-generic-again", specificSerde(Frame.class).deserializer(), 1)
                .get(0)
                .value();
        assertThat(back).isEqualTo(frame);
    }

    @Test
    void genericRecordsOfEverySchemaMatchTheSpecificOnes() throws Exception {
        List<SpecificRecord> records =
                List.of(SampleRecords.frame(), SampleRecords.detectionEvent(), SampleRecords.annotation());
        for (SpecificRecord record : records) {
            String topic = "generic-" + record.getSchema().getName();
            kafka.create(topic);
            AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
            serializer.configure(config(), false);
            kafka.produce(topic, serializer, List.of(record));

            GenericRecord generic =
                    kafka.read(topic, genericSerde().deserializer(), 1).get(0).value();

            assertThat(generic.getSchema()).isEqualTo(record.getSchema());
            assertThat(GenericData.get().toString(generic))
                    .contains("\"camera_id\": \"gate-1\"", "\"frame_sequence\": 42");
        }
    }

    @Test
    void idsSurviveARegistryRestartAndOldBytesStillDecode() throws Exception {
        AvroSerializer<Frame> serializer = specificSerde(Frame.class).serializer();
        byte[] written = serializer.serialize("frames-restart", SampleRecords.frame());
        int frameId = schemaIdOf(written);
        int eventId = schemaIdOf(specificSerde(DetectionEvent.class)
                .serializer()
                .serialize("detections-restart", SampleRecords.detectionEvent()));

        registry.close();
        registry = startRegistryOn(schemasTopic);

        RestSchemaRegistryClient client = RestSchemaRegistryClient.forUrl(registry.url());
        assertThat(client.schemaById(frameId)).isEqualTo(Frame.getClassSchema().toString());
        assertThat(client.register(
                        "frames-restart-value", Frame.getClassSchema().toString()))
                .isEqualTo(frameId);
        assertThat(client.register("another-subject", Frame.getClassSchema().toString()))
                .isEqualTo(frameId);
        assertThat(client.versions("frames-restart-value")).containsExactly(1);
        int annotationId = client.register(
                "annotations-restart-value", Annotation.getClassSchema().toString());
        assertThat(annotationId).isGreaterThan(Math.max(frameId, eventId));

        Frame decoded = specificSerde(Frame.class).deserializer().deserialize("frames-restart", written);
        assertThat(decoded).isEqualTo(SampleRecords.frame());
    }

    @Test
    void schemasTopicIsCompactedSinglePartitionWithConfluentKeys() throws Exception {
        specificSerde(Frame.class).serializer().serialize("frames-topic", SampleRecords.frame());

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafkaBroker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            TopicDescription description = admin.describeTopics(List.of(schemasTopic))
                    .allTopicNames()
                    .get()
                    .get(schemasTopic);
            assertThat(description.partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, schemasTopic);
            String policy = admin.describeConfigs(List.of(resource))
                    .all()
                    .get()
                    .get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                    .value();
            assertThat(policy).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        List<ConsumerRecord<byte[], byte[]>> records = kafka.read(schemasTopic, new ByteArrayDeserializer(), 1);
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"frames-topic-value\",\"version\":1,\"magic\":1}");
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8))
                .startsWith("{\"subject\":\"frames-topic-value\",\"version\":1,\"id\":")
                .endsWith(",\"deleted\":false}");
    }

    private <T extends SpecificRecord> void assertSpecificRoundTrip(String topic, Class<T> type, T record)
            throws Exception {
        kafka.create(topic);
        AvroSerde<T> serde = specificSerde(type);
        kafka.produce(topic, serde.serializer(), List.of(record, record));

        List<ConsumerRecord<byte[], T>> read = kafka.read(topic, serde.deserializer(), 2);

        assertThat(read).extracting(ConsumerRecord::value).containsExactly(record, record);
    }

    private <T extends SpecificRecord> AvroSerde<T> specificSerde(Class<T> type) {
        return AvroSerdes.specific(type, config());
    }

    private AvroSerde<GenericRecord> genericSerde() {
        return AvroSerdes.generic(config());
    }

    private Map<String, Object> config() {
        return Map.of(RegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
    }

    private static int schemaIdOf(byte[] payload) {
        return ByteBuffer.wrap(payload, 1, WireFormat.ID_SIZE).getInt();
    }

    private static EmbeddedSchemaRegistry startRegistryOn(String topic) {
        return EmbeddedSchemaRegistry.start(
                RegistryServerConfig.ephemeral(),
                KafkaSchemaStoreConfig.forCluster(SharedKafkaBroker.bootstrapServers())
                        .withTopic(topic));
    }
}
