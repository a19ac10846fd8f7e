package dev.vigil.stream.ingest;

import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.retry.Backoff;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.HealthStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;

/**
 * The ingest application's lifecycle: makes sure the frames topic exists and learns the largest record it takes,
 * opens one idempotent producer, starts one reader thread per camera, logs the cameras' counters, and reports its
 * meters (the cameras' and the producer's own) and its readiness (every camera streaming). Used by {@code vigil
 * ingest} and the demo.
 */
public final class IngestApplication implements AutoCloseable {

    /** Room left in a record for the Frame's other fields and Kafka's record overhead, beside the JPEG. */
    public static final int RECORD_HEADROOM_BYTES = 64 * 1024;

    private final KafkaFrameSink sink;
    private final CameraFleet fleet;
    private final CameraStatsLog statsLog;

    private IngestApplication(KafkaFrameSink sink, CameraFleet fleet, CameraStatsLog statsLog) {
        this.sink = sink;
        this.fleet = fleet;
        this.statsLog = statsLog;
    }

    /** Starts with meters and health kept to itself (tests). */
    public static IngestApplication start(IngestSettings settings) {
        return start(settings, new SimpleMeterRegistry(), new HealthChecks(), UnaryOperator.identity());
    }

    /**
     * Starts reading every camera.
     *
     * @param inFrontOfKafka wraps the Kafka sink, e.g. to see every frame sent (identity for none)
     * @throws IllegalStateException naming the topic when it is missing and may not be created, or takes records
     *                               too small for frames
     */
    public static IngestApplication start(
            IngestSettings settings,
            MeterRegistry metrics,
            HealthChecks health,
            UnaryOperator<FrameSink> inFrontOfKafka) {
        int maxMessageBytes = ensureFramesTopic(settings);
        KafkaFrameSink sink = KafkaFrameSink.create(
                settings.clientConfig(), settings.serdeConfig(), settings.framesTopic(), maxMessageBytes);
        sink.bindTo(metrics);
        FrameSink target = inFrontOfKafka.apply(sink);
        JpegEncoder encoder = new JpegEncoder(
                settings.jpegQuality(), settings.maxLongSide(), maxMessageBytes - RECORD_HEADROOM_BYTES);
        String host = ingestHost();
        List<CameraReader> readers = settings.cameras().stream()
                .map(c -> new CameraReader(
                        c,
                        encoder,
                        target,
                        host,
                        Backoff.withRetryLimit(settings.reconnectLimit()),
                        settings.maxFramesPerCamera(),
                        settings.sendQueueFrames()))
                .toList();
        IngestMetrics.bind(metrics, readers);
        health.addReadiness("cameras", () -> camerasStatus(readers));
        CameraStatsLog statsLog = CameraStatsLog.start(readers, settings.statsInterval());
        return new IngestApplication(sink, CameraFleet.start(readers), statsLog);
    }

    /** Up while every camera's stream is open; the detail names the cameras that are not. */
    static HealthStatus camerasStatus(List<CameraReader> readers) {
        List<String> notStreaming = readers.stream()
                .filter(r -> !r.stats().streaming())
                .map(r -> r.camera().name() + (r.failure().isPresent() ? " (failed)" : ""))
                .toList();
        if (notStreaming.isEmpty()) {
            return HealthStatus.up(readers.size() + " camera(s) streaming");
        }
        return HealthStatus.down("not streaming: " + notStreaming.stream().collect(Collectors.joining(", ")));
    }

    /** Creates the frames topic if needed; returns the largest record it accepts. */
    private static int ensureFramesTopic(IngestSettings settings) {
        try (Admin admin = Admin.create(settings.clientConfig())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, settings.topicCreation());
            provisioner.ensure(Set.of(settings.framesTopic()));
            int max = provisioner.maxMessageBytes(settings.framesTopic());
            if (max <= RECORD_HEADROOM_BYTES) {
                throw new IllegalStateException("Topic '" + settings.framesTopic() + "' accepts records of at most "
                        + max + " bytes, too small for frames (raise its max.message.bytes)");
            }
            return max;
        }
    }

    private static String ingestHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }

    public List<CameraReader> readers() {
        return fleet.readers();
    }

    /** Whether any camera is still being read. */
    public boolean running() {
        return fleet.running();
    }

    /** The readers that gave up on their camera. */
    public List<CameraReader> failed() {
        return fleet.failed();
    }

    /**
     * Waits until every camera has ended (files read, limits reached, cameras given up, or {@link #stop()}), then
     * until Kafka has acknowledged or failed every frame, and logs the counters.
     */
    public void awaitCameras() throws InterruptedException {
        fleet.awaitAll();
        sink.flush();
        statsLog.logNow();
    }

    /** Waits until Kafka has acknowledged or failed every frame handed over so far. */
    public void flush() {
        sink.flush();
    }

    /** Asks every camera reader to stop after its frame in hand. */
    public void stop() {
        fleet.stop();
    }

    /** Stops the readers, waits for them, and closes the producer (sending what it holds). */
    @Override
    public void close() throws InterruptedException {
        fleet.stop();
        try {
            fleet.awaitAll();
        } finally {
            statsLog.close();
            sink.close();
        }
    }
}
