package dev.vigil.stream.ingest;

import dev.vigil.schemas.CameraState;
import dev.vigil.schemas.CameraStatus;
import dev.vigil.schemas.ConnectionQuality;
import dev.vigil.schemas.serde.AvroSerdes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each camera's status ({@link CameraStatusTracker}) on the compacted cameras topic, key = camera id: at
 * once when its state or quality changes, and every {@code refresh} otherwise, so the topic's latest record of a
 * camera is its state now; and as meters: {@code vigil_ingest_camera_state{camera,state}} and {@code
 * vigil_ingest_camera_quality{camera,quality}} (1 for the current one, 0 for the others), {@code
 * vigil_ingest_camera_fps}, {@code vigil_ingest_camera_expected_fps}, {@code vigil_ingest_camera_reconnects_last_hour}.
 */
public final class CameraStatusPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CameraStatusPublisher.class);

    static final Duration SAMPLE_EVERY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);
    /** An open stream without a frame for this long is reported STALLED (ingest reopens it at its stall timeout). */
    public static final Duration DEFAULT_STALL_AFTER = Duration.ofSeconds(3);

    private final List<CameraStatusTracker> trackers;
    private final KafkaProducer<String, CameraStatus> producer;
    private final String topic;
    private final Duration refresh;
    private final Map<String, CameraStatus> latest = new ConcurrentHashMap<>();
    private final Map<String, Long> lastPublished = new HashMap<>();
    private final ScheduledExecutorService timer;

    private CameraStatusPublisher(
            List<CameraStatusTracker> trackers,
            KafkaProducer<String, CameraStatus> producer,
            String topic,
            Duration refresh) {
        this.trackers = trackers;
        this.producer = producer;
        this.topic = topic;
        this.refresh = refresh;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "camera-status");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts sampling every second and publishing.
     *
     * @param clientConfig bootstrap servers and pass-through producer settings
     * @param serdeConfig  the registry URL and registry client settings
     */
    public static CameraStatusPublisher start(
            List<CameraReader> readers,
            String host,
            Map<String, Object> clientConfig,
            Map<String, Object> serdeConfig,
            String topic,
            MeterRegistry metrics) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vigil-ingest-camera-status");
        KafkaProducer<String, CameraStatus> producer = new KafkaProducer<>(
                config,
                new StringSerializer(),
                AvroSerdes.specific(CameraStatus.class, serdeConfig).serializer());
        List<CameraStatusTracker> trackers = readers.stream()
                .map(r -> CameraStatusTracker.of(r, DEFAULT_STALL_AFTER, host))
                .toList();
        CameraStatusPublisher publisher = new CameraStatusPublisher(trackers, producer, topic, DEFAULT_REFRESH);
        publisher.sampleAndPublish();
        publisher.bind(metrics);
        publisher.timer.scheduleAtFixedRate(
                publisher::sampleAndPublishSafely,
                SAMPLE_EVERY.toMillis(),
                SAMPLE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return publisher;
    }

    /** The status of camera {@code camera} last sampled, or null before the first sample. */
    public CameraStatus status(String camera) {
        return latest.get(camera);
    }

    private void sampleAndPublishSafely() {
        try {
            sampleAndPublish();
        } catch (RuntimeException e) {
            log.warn("Could not publish the cameras' status: {}", e.toString());
        }
    }

    private synchronized void sampleAndPublish() {
        long now = System.currentTimeMillis();
        for (CameraStatusTracker tracker : trackers) {
            CameraStatus status = tracker.sample(now);
            CameraStatus before = latest.put(tracker.camera(), status);
            boolean changed = before == null
                    || before.getState() != status.getState()
                    || before.getQuality() != status.getQuality();
            long last = lastPublished.getOrDefault(tracker.camera(), Long.MIN_VALUE);
            if (changed || now - last >= refresh.toMillis()) {
                lastPublished.put(tracker.camera(), now);
                producer.send(new ProducerRecord<>(topic, status.getCameraId(), status), (metadata, error) -> {
                    if (error != null) {
                        log.warn(
                                "Camera '{}' status could not be published on {}: {}",
                                status.getCameraId(),
                                topic,
                                error.getMessage());
                    }
                });
                if (changed && before != null) {
                    log.info(
                            "Camera '{}' is {} ({}), connection {}",
                            status.getCameraId(),
                            status.getState(),
                            status.getReason().isEmpty() ? "frames arriving" : status.getReason(),
                            status.getQuality());
                }
            }
        }
    }

    private void bind(MeterRegistry metrics) {
        for (CameraStatusTracker tracker : trackers) {
            String camera = tracker.camera();
            for (CameraState state : CameraState.values()) {
                if (state == CameraState.UNKNOWN) {
                    continue;
                }
                Gauge.builder("vigil.ingest.camera.state", this, p -> p.is(camera, s -> s.getState() == state))
                        .description("1 for the camera's current state (ONLINE, STALLED, RECONNECTING, OFFLINE), "
                                + "0 for the others.")
                        .tag("camera", camera)
                        .tag("state", state.name())
                        .register(metrics);
            }
            for (ConnectionQuality quality : ConnectionQuality.values()) {
                if (quality == ConnectionQuality.UNKNOWN) {
                    continue;
                }
                Gauge.builder("vigil.ingest.camera.quality", this, p -> p.is(camera, s -> s.getQuality() == quality))
                        .description("1 for the camera's current connection quality (GOOD, FAIR, POOR), 0 for the "
                                + "others.")
                        .tag("camera", camera)
                        .tag("quality", quality.name())
                        .register(metrics);
            }
            gauge(
                    metrics,
                    "vigil.ingest.camera.fps",
                    camera,
                    "Frames per second decoded, over the last second.",
                    s -> s.getFps());
            gauge(
                    metrics,
                    "vigil.ingest.camera.expected.fps",
                    camera,
                    "Frames per second the camera's source declares (0 when unknown).",
                    CameraStatus::getExpectedFps);
            gauge(
                    metrics,
                    "vigil.ingest.camera.reconnects.last.hour",
                    camera,
                    "Times the camera's stream was opened again in the last hour.",
                    s -> s.getReconnectsLastHour());
        }
    }

    private void gauge(
            MeterRegistry metrics,
            String name,
            String camera,
            String description,
            ToDoubleFunction<CameraStatus> value) {
        Gauge.builder(name, this, p -> {
                    CameraStatus s = p.latest.get(camera);
                    return s == null ? Double.NaN : value.applyAsDouble(s);
                })
                .description(description)
                .tag("camera", camera)
                .register(metrics);
    }

    private double is(String camera, java.util.function.Predicate<CameraStatus> test) {
        CameraStatus s = latest.get(camera);
        return s != null && test.test(s) ? 1 : 0;
    }

    /** Publishes the final status of every camera (OFFLINE once their readers ended) and closes the producer. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            lastPublished.clear();
            sampleAndPublish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Could not publish the cameras' final status: {}", e.toString());
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
