package dev.vigil.stream.demo;

import dev.vigil.schemas.Detection;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's own subscriber: reads committed detection events as any subscriber would, measures capture-to-event
 * latency, counts detections per class and hands each event to the annotated output.
 */
final class DetectionFollower implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DetectionFollower.class);

    private final KafkaConsumer<String, DetectionEvent> consumer;
    private final RecentFrames frames;
    private final AnnotatedOutput output;
    private final float minScore;
    final LatencyWindow latencies = new LatencyWindow();
    final AtomicLong events = new AtomicLong();
    final AtomicLong skippedStale = new AtomicLong();
    private final Map<String, Long> perClass = new TreeMap<>();
    private volatile boolean stopRequested;

    DetectionFollower(
            String bootstrap,
            String registryUrl,
            String topic,
            RecentFrames frames,
            AnnotatedOutput output,
            float minScore) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "vigil-demo-follower",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                AvroSerdes.specific(DetectionEvent.class, Map.of("schema.registry.url", registryUrl))
                        .deserializer());
        this.consumer.subscribe(List.of(topic));
        this.frames = frames;
        this.output = output;
        this.minScore = minScore;
    }

    @Override
    public void run() {
        try {
            while (!stopRequested) {
                for (ConsumerRecord<String, DetectionEvent> r : consumer.poll(Duration.ofMillis(200))) {
                    handle(r.value());
                }
            }
        } finally {
            consumer.close();
        }
    }

    private void handle(DetectionEvent event) {
        events.incrementAndGet();
        latencies.add(System.currentTimeMillis() - event.getFrameTime().toEpochMilli());
        if (event.getStatus() == DetectionStatus.SKIPPED_STALE) {
            skippedStale.incrementAndGet();
            return;
        }
        synchronized (perClass) {
            for (Detection d : event.getDetections()) {
                if (d.getScore() >= minScore) {
                    perClass.merge(d.getLabel(), 1L, Long::sum);
                }
            }
        }
        Frame frame = frames.get(event.getCameraId(), event.getFrameSequence());
        if (frame != null) {
            try {
                output.write(frame, event, minScore);
            } catch (IOException e) {
                log.warn("Could not write annotated output: {}", e.getMessage());
            }
        }
    }

    /** Detections so far per class (scores at or above the demo's threshold). */
    Map<String, Long> perClass() {
        synchronized (perClass) {
            return new TreeMap<>(perClass);
        }
    }

    void stop() {
        stopRequested = true;
    }
}
