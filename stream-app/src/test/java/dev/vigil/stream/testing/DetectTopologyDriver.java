package dev.vigil.stream.testing;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectStats;
import dev.vigil.stream.detect.DetectTopology;
import dev.vigil.stream.detect.FrameBatchDetector;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The detect topology on Kafka's TopologyTestDriver (no broker), its topics with the registry's serdes: the set-up the
 * topology tests share.
 */
public final class DetectTopologyDriver implements AutoCloseable {

    /** The topics the topology tests use. */
    public static final DetectTopology.TopicNames TOPICS =
            new DetectTopology.TopicNames("frames", "detections", "frames.dlq");

    private final TopologyTestDriver driver;
    private final Map<String, Object> serdeConfig;
    /** Frames in, as records. */
    public final TestInputTopic<String, Frame> frames;
    /** Frames in, as bytes (for records that are not frames). */
    public final TestInputTopic<String, byte[]> rawFrames;

    public final TestOutputTopic<String, DetectionEvent> events;
    public final TestOutputTopic<String, byte[]> deadLetters;

    /**
     * Settings for a topology test: {@link #TOPICS}, no broker, at-least-once (the driver has no transactions), 4 MiB
     * records.
     */
    public static DetectSettings.Builder settings(
            String applicationId, Path stateDir, Map<String, Object> serdeConfig) {
        return DetectSettings.builder(applicationId, stateDir, Map.of("bootstrap.servers", "unused:9092"), serdeConfig)
                .topics(TOPICS)
                .processingGuarantee("at_least_once")
                .maxMessageBytes(1 << 22);
    }

    /** The topology of {@code settings} running {@code detectors}, its wall clock starting at {@code start}. */
    public DetectTopologyDriver(
            DetectSettings settings, Supplier<FrameBatchDetector> detectors, DetectStats stats, Instant start) {
        this.serdeConfig = settings.serdeConfig();
        this.driver = new TopologyTestDriver(
                DetectApplication.topology(settings, detectors, stats), DetectApplication.properties(settings), start);
        DetectTopology.TopicNames topics = settings.topics();
        frames = driver.createInputTopic(
                topics.frames(),
                new StringSerializer(),
                AvroSerdes.specific(Frame.class, serdeConfig).serializer());
        rawFrames = driver.createInputTopic(topics.frames(), new StringSerializer(), new ByteArraySerializer());
        events = output(topics.detections(), DetectionEvent.class);
        deadLetters =
                driver.createOutputTopic(topics.deadLetters(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Another output topic of Avro records (objects, counts). */
    public <T extends SpecificRecord> TestOutputTopic<String, T> output(String topic, Class<T> type) {
        return driver.createOutputTopic(
                topic,
                new StringDeserializer(),
                AvroSerdes.specific(type, serdeConfig).deserializer());
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
