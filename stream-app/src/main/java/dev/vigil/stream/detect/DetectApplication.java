package dev.vigil.stream.detect;

import dev.vigil.model.io.AtomicFile;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detect application's lifecycle: checks that the model loads, builds the topology with the Avro serdes,
 * configures Kafka Streams (exactly-once by default) and runs it until closed, reporting its meters (its own and
 * Kafka Streams') and its health; its model can be changed while it runs ({@link #models()}). Used by {@code vigil
 * detect}, the demo, the pipeline benchmark and the tests.
 */
public final class DetectApplication implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DetectApplication.class);

    static final String RUNNING = "vigil.detect.running";
    private static final Set<KafkaStreams.State> DEAD =
            EnumSet.of(KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);

    /**
     * A SIGKILLed instance's partitions go to the others after this long plus one rebalance (a restarted one takes
     * them back at once); heartbeats go every 3 s (Kafka's default), from a thread of their own, so a long batch does
     * not end the session.
     */
    static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;

    static final String INSTANCE_ID_FILE_SUFFIX = ".instance-id";

    private final KafkaStreams streams;
    private final PerThreadDetectors detectors;
    private final ModelSwitcher models;
    private final DetectStats stats;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CountsQuery counts;
    private final RegistryOutage registryOutage;

    private DetectApplication(
            KafkaStreams streams,
            PerThreadDetectors detectors,
            ModelSwitcher models,
            DetectStats stats,
            KafkaStreamsMetrics streamsMetrics,
            RegistryOutage registryOutage,
            CountsQuery counts) {
        this.streams = streams;
        this.counts = counts;
        this.detectors = detectors;
        this.models = models;
        this.stats = stats;
        this.streamsMetrics = streamsMetrics;
        this.registryOutage = registryOutage;
    }

    /** Starts the application with meters and health kept to itself (tests, benchmarks). */
    public static DetectApplication start(DetectSettings settings, DetectorFactory model) {
        return start(settings, model, new SimpleMeterRegistry(), new HealthChecks());
    }

    /**
     * Makes one detector of {@code model} to check that it loads and runs (the first stream thread takes it), then
     * starts the application; each further stream thread makes its own detector, from the same verified copy.
     * Registers its meters in {@code metrics}, and in {@code health} the liveness check {@code streams} (not failed)
     * and the readiness checks {@code streams} (running, and no stream thread failed since the last batch), {@code
     * model} (what runs, and the last model refused) and {@code registry} (down while processing waits for the schema
     * registry, see {@link RegistryOutage}).
     *
     * @throws IllegalStateException naming the cause when the model cannot be loaded
     */
    public static DetectApplication start(
            DetectSettings settings, DetectorFactory model, MeterRegistry metrics, HealthChecks health) {
        health.addReadiness("model", () -> HealthStatus.down("loading"));
        FrameBatchDetector first = verifyModel(model);
        DetectStats stats = new DetectStats(metrics);
        PerThreadDetectors detectors = new PerThreadDetectors(model, first);
        ModelSwitcher models = new ModelSwitcher(detectors, model.device(), metrics);
        health.addReadiness("model", () -> HealthStatus.up(modelDetail(models.status())));
        KafkaStreams streams = new KafkaStreams(topology(settings, detectors, stats), properties(settings));
        RegistryOutage registryOutage = new RegistryOutage(settings.serdeConfig());
        registryOutage.watch(streams);
        health.addReadiness("registry", registryOutage::status);
        streams.setUncaughtExceptionHandler(e -> {
            if (registryOutage.handle(e)) {
                log.warn("Stream thread stopped for the schema registry; replacing it (paused until it answers)");
            } else {
                stats.threadFailed(e);
                log.error(
                        "Stream thread failed ({} failures since the last batch); replacing it. Cause: {}",
                        stats.failuresSinceLastBatch(),
                        stats.lastFailure(),
                        e);
            }
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        Gauge.builder(RUNNING, streams, s -> working(s, stats) ? 1 : 0)
                .description("1 while the Kafka Streams application is running or rebalancing and no stream thread "
                        + "failed since the last batch it processed, else 0.")
                .register(metrics);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(metrics);
        health.addLiveness(
                "streams",
                () -> DEAD.contains(streams.state())
                        ? HealthStatus.down(streams.state().name())
                        : HealthStatus.up(streams.state().name()));
        health.addReadiness("streams", () -> {
            if (stats.failuresSinceLastBatch() > 0) {
                return HealthStatus.down(streams.state().name() + ", but stream threads failed "
                        + stats.failuresSinceLastBatch() + " times since the last batch; last cause: "
                        + stats.lastFailure());
            }
            return streams.state() == KafkaStreams.State.RUNNING
                    ? HealthStatus.up(streams.state().name())
                    : HealthStatus.down(streams.state().name());
        });
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && before == KafkaStreams.State.REBALANCING) {
                log.info(
                        "Kafka Streams running: partitions assigned and state restored ({} ms after the JVM started)",
                        ManagementFactory.getRuntimeMXBean().getUptime());
            }
        });
        streams.start();
        Object server = settings.clientConfig().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        CountsQuery counts =
                new CountsQuery(streams, server == null ? null : HostInfo.buildFromEndpoint(server.toString()));
        return new DetectApplication(streams, detectors, models, stats, streamsMetrics, registryOutage, counts);
    }

    private static boolean working(KafkaStreams streams, DetectStats stats) {
        return streams.state().isRunningOrRebalancing() && stats.failuresSinceLastBatch() == 0;
    }

    private static String modelDetail(ModelStatus status) {
        String detail = status.running().name() + " " + status.running().version() + " (digest "
                + status.running().digest() + ")";
        if (status.lastRefused() != null) {
            detail += "; last model refused: " + status.lastRefused().source() + ": "
                    + status.lastRefused().reason();
        }
        return detail;
    }

    /**
     * Makes one detector, which the first stream thread will use; fails naming the model when it cannot be loaded or
     * run.
     */
    private static FrameBatchDetector verifyModel(DetectorFactory model) {
        try {
            long start = System.nanoTime();
            FrameBatchDetector first = model.get();
            log.info(
                    "Model {} from {} loads and runs (built and run once in {} ms, {} ms after the JVM started)",
                    first.model(),
                    model.source(),
                    (System.nanoTime() - start) / 1_000_000,
                    ManagementFactory.getRuntimeMXBean().getUptime());
            return first;
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
        return DetectTopology.build(
                settings.topics(),
                settings.batching(),
                settings.maxImagePixels(),
                frames,
                events,
                detectors,
                stats,
                tracking,
                settings.motion());
    }

    /**
     * Kafka Streams properties for these settings. Besides the settings', what makes a restart quick and safe: static
     * group membership (the main consumers' {@code group.instance.id}, from {@code clientConfig} or else an id kept in
     * the state directory, so a restarted instance takes its partitions back at once instead of after the session
     * timeout), a session timeout of {@value #DEFAULT_SESSION_TIMEOUT_MS} ms unless {@code clientConfig} sets one,
     * and a persistent batch buffer (the topology's), which makes Kafka Streams keep its process id, hence the
     * transactional ids, in the state directory: a restarted instance fences its killed predecessor's open
     * transaction at once.
     */
    public static Properties properties(DetectSettings settings) {
        Properties p = new Properties();
        p.putAll(settings.clientConfig());
        Object instanceId = p.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        p.put(
                StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                instanceId != null ? instanceId : staticMemberId(settings.stateDir(), settings.applicationId()));
        p.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, DEFAULT_SESSION_TIMEOUT_MS);
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
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka Streams' partition assignor reads its settings from the main consumer's configuration, which carries
        // only consumer settings: without this copy it takes the default (false) and warns on every start
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        return p;
    }

    /**
     * The group instance id of this state directory: read from {@code <stateDir>/<applicationId>.instance-id}, made
     * there (host name and a random part) on the first start. Two instances never share a state directory (Kafka
     * Streams locks it), so they never share an id.
     */
    static String staticMemberId(Path stateDir, String applicationId) {
        Path file = stateDir.resolve(applicationId + INSTANCE_ID_FILE_SUFFIX);
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = applicationId + "-" + hostName() + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            AtomicFile.write(file, temporary -> Files.writeString(temporary, id, StandardCharsets.UTF_8));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot keep the group instance id in " + file + " (--state-dir): " + e.getMessage(), e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (UnknownHostException e) {
            return "host";
        }
    }

    public DetectStats stats() {
        return stats;
    }

    /** Kafka Streams' metrics and its clients' (the producer's transaction times, the consumer's waits, ...). */
    public Map<MetricName, ? extends Metric> kafkaMetrics() {
        return streams.metrics();
    }

    /** The model it runs, and how to change it without a restart. */
    public ModelSwitcher models() {
        return models;
    }

    /** The zone and line counts (interactive queries on the counts store), for {@code /api/counts}. */
    public CountsQuery counts() {
        return counts;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** What each local stream thread runs, with its clients' ids (they name the process id). */
    public Set<ThreadMetadata> threadMetadata() {
        return streams.metadataForLocalThreads();
    }

    /**
     * Stops processing, commits, and leaves the consumer group, so that the partitions go to the other instances at
     * once (a static member would otherwise hold them until its session timed out).
     */
    @Override
    public void close() {
        registryOutage.close();
        models.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(60)));
        streamsMetrics.close();
        detectors.close();
    }
}
