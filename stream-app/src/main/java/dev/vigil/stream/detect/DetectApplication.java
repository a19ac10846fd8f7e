package dev.vigil.stream.detect;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ObjectEvent;
import dev.vigil.schemas.ZoneCount;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.tracking.CountsQuery;
import dev.vigil.stream.tracking.TrackingTopology;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.HealthStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detect application's lifecycle: checks that the model loads, builds the topology with the Avro serdes,
 * configures Kafka Streams (exactly-once by default) and runs it until closed, reporting its meters (its own and
 * Kafka Streams') and its health. Used by {@code vigil detect}, the demo, the pipeline benchmark and the tests.
 */
public final class DetectApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DetectApplication.class);

    static final String RUNNING = "vigil.detect.running";
    private static final Set<KafkaStreams.State> DEAD =
            EnumSet.of(KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);

    private final KafkaStreams streams;
    private final PerThreadDetectors detectors;
    private final DetectStats stats;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CountsQuery counts;

    private DetectApplication(
            KafkaStreams streams,
            PerThreadDetectors detectors,
            DetectStats stats,
            KafkaStreamsMetrics streamsMetrics,
            CountsQuery counts) {
        this.streams = streams;
        this.counts = counts;
        this.detectors = detectors;
        this.stats = stats;
        this.streamsMetrics = streamsMetrics;
    }

    /** Starts the application with meters and health kept to itself (tests, benchmarks). */
    public static DetectApplication start(DetectSettings settings, Supplier<FrameBatchDetector> detectorFactory) {
        return start(settings, detectorFactory, new SimpleMeterRegistry(), new HealthChecks());
    }

    /**
     * Loads one detector from {@code detectorFactory} to check the model, then starts the application; each stream
     * thread makes its own detector. Registers its meters in {@code metrics}, and in {@code health} the liveness
     * check {@code streams} (not failed) and the readiness checks {@code streams} (running) and {@code model}
     * (loaded).
     *
     * @throws IllegalStateException naming the cause when the model cannot be loaded
     */
    public static DetectApplication start(
            DetectSettings settings,
            Supplier<FrameBatchDetector> detectorFactory,
            MeterRegistry metrics,
            HealthChecks health) {
        health.addReadiness("model", () -> HealthStatus.down("loading"));
        String model = verifyModel(detectorFactory);
        health.addReadiness("model", () -> HealthStatus.up(model));
        DetectStats stats = new DetectStats(metrics);
        PerThreadDetectors detectors = new PerThreadDetectors(detectorFactory);
        KafkaStreams streams = new KafkaStreams(topology(settings, detectors, stats), properties(settings));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        Gauge.builder(RUNNING, streams, s -> s.state().isRunningOrRebalancing() ? 1 : 0)
                .description("1 while the Kafka Streams application is running or rebalancing, else 0.")
                .register(metrics);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        health.addLiveness(
                "streams",
                () -> DEAD.contains(streams.state())
                        ? HealthStatus.down(streams.state().name())
                        : HealthStatus.up(streams.state().name()));
        health.addReadiness(
                "streams",
                () -> streams.state() == KafkaStreams.State.RUNNING
                        ? HealthStatus.up(streams.state().name())
                        : HealthStatus.down(streams.state().name()));
        streams.start();
        Object server = settings.clientConfig().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        CountsQuery counts =
                new CountsQuery(streams, server == null ? null : HostInfo.buildFromEndpoint(server.toString()));
        return new DetectApplication(streams, detectors, stats, streamsMetrics, counts);
    }

    /** Loads and closes one detector; returns "NAME VERSION". */
    private static String verifyModel(Supplier<FrameBatchDetector> detectorFactory) {
        try (FrameBatchDetector probe = detectorFactory.get()) {
            return probe.modelName() + " " + probe.modelVersion();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The model cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The topology with Vigil's Avro serdes (every topic's, made here), as the application runs it. */
    public static Topology topology(
            DetectSettings settings, Supplier<FrameBatchDetector> detectors, DetectStats stats) {
        Deserializer<Frame> frames =
                AvroSerdes.specific(Frame.class, settings.serdeConfig()).deserializer();
        Serializer<DetectionEvent> events = AvroSerdes.specific(DetectionEvent.class, settings.serdeConfig())
                .serializer();
        TrackingTopology.Stage tracking = new TrackingTopology.Stage(
                settings.tracking(),
                AvroSerdes.specific(ObjectEvent.class, settings.serdeConfig()).serializer(),
                AvroSerdes.specific(ZoneCount.class, settings.serdeConfig()).serializer(),
                stats.tracking());
        return DetectTopology.build(settings.topics(), settings.batching(), frames, events, detectors, stats, tracking);
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

    /** The zone and line counts (interactive queries on the counts store), for {@code /api/counts}. */
    public CountsQuery counts() {
        return counts;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(60));
        streamsMetrics.close();
        detectors.close();
    }
}
