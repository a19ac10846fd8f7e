package dev.vigil.stream.bench;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectorFactory;
import dev.vigil.stream.detect.HookedDetectors;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.ingest.KafkaFrameSink;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.web.HealthChecks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One timed run of frames through the real pipeline: producer → {@code frames} → detect (exactly-once) →
 * {@code detections} → a read_committed subscriber, on an embedded broker started for the run.
 */
final class PipelineRun {

    /** Frames through the pipeline before the timed ones: the JIT compiles Kafka's and the topology's code first. */
    static final int WARMUP_FRAMES = 40;

    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    /** Shorter than the default: the benchmark sends its frames at once, so a batch fills fast or not at all. */
    private static final Duration BATCH_WAIT = Duration.ofMillis(50);

    /**
     * Frames per second from the first frame sent to the last event received, capture-to-event latencies, and where
     * the time went.
     */
    record Result(double framesPerSecond, long p50Millis, long p99Millis, PipelineBudget.Budget budget) {}

    private PipelineRun() {}

    /**
     * @param commitInterval Kafka Streams' commit interval, or null for its default under exactly-once (100 ms)
     */
    static Result run(
            List<Frame> frames, DetectorFactory detectors, int batchSize, Duration commitInterval, Path stateDir)
            throws Exception {
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            TopicSettings oneCamera = new TopicSettings(
                    true, 1, (short) 1, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES, -1, Duration.ofSeconds(30));
            TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    oneCamera,
                    Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            Map<String, Object> client = Map.of("bootstrap.servers", infra.bootstrapServers());
            Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
            Map<String, Object> streamsClient = new HashMap<>(client);
            if (commitInterval != null) {
                streamsClient.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
            }
            DetectSettings settings = DetectSettings.builder("vigil-bench", stateDir, streamsClient, serde)
                    .batching(new BatchingSettings(batchSize, BATCH_WAIT, null))
                    .build();
            AtomicInteger streamTid = new AtomicInteger(-1);
            MeterRegistry meters = new SimpleMeterRegistry();
            try (DetectApplication app = DetectApplication.start(
                            settings,
                            // notes the kernel id of the thread that runs the detector: detect's stream thread
                            new HookedDetectors(detectors, () -> {}, () -> streamTid.set(ThreadCpu.currentTid())),
                            meters,
                            new HealthChecks());
                    KafkaFrameSink sink = KafkaFrameSink.create(
                            client, serde, Topics.FRAMES, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES);
                    KafkaConsumer<String, DetectionEvent> subscriber = subscriber(infra)) {
                for (int i = 0; i < WARMUP_FRAMES; i++) {
                    send(sink, frames.get(i % frames.size()), "warmup", i);
                }
                await(subscriber, WARMUP_FRAMES, null);
                PipelineBudget.Reading before = PipelineBudget.read(app, meters);
                long start = System.currentTimeMillis();
                for (int i = 0; i < frames.size(); i++) {
                    send(sink, frames.get(i), "bench", i);
                }
                long[] latencies = new long[frames.size()];
                long end = await(subscriber, frames.size(), latencies);
                PipelineBudget.Reading after = PipelineBudget.read(app, meters);
                Arrays.sort(latencies);
                return new Result(
                        frames.size() * 1000.0 / Math.max(1, end - start),
                        latencies[(int) Math.ceil(0.5 * latencies.length) - 1],
                        latencies[(int) Math.ceil(0.99 * latencies.length) - 1],
                        PipelineBudget.between(before, after, frames.size(), streamTid.get(), ThreadCpu.currentTid()));
            }
        }
    }

    private static void send(KafkaFrameSink sink, Frame frame, String camera, long sequence) {
        Frame stamped = Frame.newBuilder(frame)
                .setCameraId(camera)
                .setFrameSequence(sequence)
                .setCaptureTime(Instant.ofEpochMilli(System.currentTimeMillis()))
                .build();
        sink.send(stamped, error -> {
            if (error != null) {
                throw new IllegalStateException("Frame not stored: " + error.getMessage(), error);
            }
        });
    }

    /** Reads until {@code count} events arrived; records their latencies; returns the time the last one arrived. */
    private static long await(KafkaConsumer<String, DetectionEvent> subscriber, int count, long[] latencies) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        int seen = 0;
        long last = 0;
        while (seen < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Only " + seen + " of " + count + " events within " + TIMEOUT);
            }
            for (ConsumerRecord<String, DetectionEvent> r : subscriber.poll(Duration.ofMillis(100))) {
                last = System.currentTimeMillis();
                if (latencies != null && seen < latencies.length) {
                    latencies[seen] = last - r.value().getFrameTime().toEpochMilli();
                }
                seen++;
            }
        }
        return last;
    }

    /** A read_committed subscriber of the detections topic, from its start. */
    static KafkaConsumer<String, DetectionEvent> subscriber(LocalInfrastructure infra) {
        KafkaConsumer<String, DetectionEvent> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "vigil-bench-subscriber",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                AvroSerdes.specific(DetectionEvent.class, Map.of("schema.registry.url", infra.schemaRegistryUrl()))
                        .deserializer());
        consumer.subscribe(List.of(Topics.DETECTIONS));
        return consumer;
    }
}
