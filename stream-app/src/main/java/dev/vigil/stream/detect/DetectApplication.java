package dev.vigil.stream.detect;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detect application's lifecycle: builds the topology with the Avro serdes, configures Kafka Streams
 * (exactly-once by default) and runs it until closed. Used by {@code vigil detect}, the demo and the tests.
 */
public final class DetectApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DetectApplication.class);

    private final KafkaStreams streams;
    private final PerThreadDetectors detectors;
    private final DetectStats stats;

    private DetectApplication(KafkaStreams streams, PerThreadDetectors detectors, DetectStats stats) {
        this.streams = streams;
        this.detectors = detectors;
        this.stats = stats;
    }

    /** Starts the application; each stream thread makes its own detector from {@code detectorFactory}. */
    public static DetectApplication start(DetectSettings settings, Supplier<FrameBatchDetector> detectorFactory) {
        DetectStats stats = new DetectStats();
        PerThreadDetectors detectors = new PerThreadDetectors(detectorFactory);
        KafkaStreams streams = new KafkaStreams(topology(settings, detectors, stats), properties(settings));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new DetectApplication(streams, detectors, stats);
    }

    /** The topology with Vigil's Avro serdes, as the application runs it. */
    public static Topology topology(
            DetectSettings settings, Supplier<FrameBatchDetector> detectors, DetectStats stats) {
        Deserializer<Frame> frames =
                AvroSerdes.specific(Frame.class, settings.serdeConfig()).deserializer();
        Serializer<DetectionEvent> events = AvroSerdes.specific(DetectionEvent.class, settings.serdeConfig())
                .serializer();
        return DetectTopology.build(settings.topics(), settings.batching(), frames, events, detectors, stats);
    }

    /** Kafka Streams properties for these settings. */
    public static Properties properties(DetectSettings settings) {
        Properties p = new Properties();
        p.putAll(settings.clientConfig());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                settings.stateDir().toAbsolutePath().toString());
        p.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                settings.maxMessageBytes());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), 4 * settings.maxMessageBytes());
        p.put(
                StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                settings.maxMessageBytes() + 65_536);
        p.put(StreamsConfig.topicPrefix("max.message.bytes"), String.valueOf(settings.maxMessageBytes() + 65_536));
        p.put("processing.exception.handler.global.enabled", true);
        return p;
    }

    public DetectStats stats() {
        return stats;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(60));
        detectors.close();
    }
}
