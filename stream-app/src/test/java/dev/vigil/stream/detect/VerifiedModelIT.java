package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.testing.EventWatcher;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.StreamingCamera;
import dev.vigil.stream.web.HealthChecks;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --model DIR} reads and verifies the artifact once: on the real broker, while a camera streams, the
 * folder is swapped for another model, truncated and deleted, and what runs and what events say does not change; a
 * stream thread that dies is replaced and its replacement runs the verified copy; a thread that keeps failing is
 * counted and the application does not say it is healthy meanwhile.
 */
class VerifiedModelIT {

    @TempDir
    Path tmp;

    @Test
    void theRunningModelDoesNotDependOnItsFolderAndReplacedThreadsUseTheVerifiedCopy() throws Exception {
        Path current = SmallModels.writeRandomMobileNet(tmp.resolve("current"), "lobby", "v1");
        Path other = SmallModels.writeRandomMobileNet(tmp.resolve("other"), "lobby", "v2");
        String digest = ModelArtifact.read(current).weightsSha256();
        // A failure no detector handles (as a native crash would be): the stream thread dies of it.
        FailingDetectors detectors = new FailingDetectors(ModelDetectors.open(current, DeviceChoice.CPU));
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            Map<String, Object> client = Map.of("bootstrap.servers", infra.bootstrapServers());
            Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
            TopicProvisioner.ensure(
                    client, TopicSettings.defaults(), Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
            HealthChecks health = new HealthChecks();
            DetectSettings settings = DetectSettings.builder("verified", tmp.resolve("state"), client, serde)
                    .batching(new BatchingSettings(2, Duration.ofMillis(100), null))
                    .build();
            ConcurrentLinkedQueue<String> readiness = new ConcurrentLinkedQueue<>();
            try (DetectApplication app = DetectApplication.start(settings, detectors.factory(), metrics, health);
                    EventWatcher watcher =
                            new EventWatcher(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.DETECTIONS);
                    StreamingCamera camera = new StreamingCamera(
                            infra.bootstrapServers(),
                            infra.schemaRegistryUrl(),
                            Topics.FRAMES,
                            "lobby-cam",
                            Duration.ofMillis(100));
                    HealthSampler sampler = new HealthSampler(health, metrics, readiness)) {
                watcher.await("a first", e -> e.getFrameSequence() >= 3, Duration.ofSeconds(120));

                // the folder is swapped for another model, as a 'current' link is repointed
                for (String file : List.of(ModelArtifact.CONFIG, ModelArtifact.WEIGHTS, ModelArtifact.INFO)) {
                    Files.copy(other.resolve(file), current.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
                long afterSwap = camera.sent();
                watcher.await("after the swap", e -> e.getFrameSequence() >= afterSwap + 3, Duration.ofSeconds(120));
                try (var weights =
                        Files.newByteChannel(current.resolve(ModelArtifact.WEIGHTS), StandardOpenOption.WRITE)) {
                    weights.truncate(100);
                }
                long afterTruncation = camera.sent();
                watcher.await(
                        "after the truncation",
                        e -> e.getFrameSequence() >= afterTruncation + 3,
                        Duration.ofSeconds(120));
                try (Stream<Path> files = Files.list(current)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(current);

                // a stream thread dies; Kafka Streams replaces it, and the new thread makes its detector
                detectors.failNext(1);
                long afterFailure = camera.sent();
                watcher.await(
                        "from the replaced thread",
                        e -> e.getFrameSequence() >= afterFailure + 5,
                        Duration.ofSeconds(180));
                assertThat(app.stats().threadFailures()).isEqualTo(1);
                assertThat(detectors.made())
                        .as("the start-up check's (which the first thread took over) and the replaced thread's")
                        .isEqualTo(2);

                // a thread that keeps failing: counted, not ready, not 'running'
                sampler.reset();
                detectors.failNext(3);
                sampler.awaitDown(Duration.ofSeconds(120));
                long afterLoop = camera.sent();
                watcher.await(
                        "after the failures stopped",
                        e -> e.getFrameSequence() >= afterLoop + 5,
                        Duration.ofSeconds(240));
                assertThat(app.stats().threadFailures()).isEqualTo(4);
                assertThat(health.ready().up())
                        .as("ready again once batches run: %s", health.ready())
                        .isTrue();

                long sent = camera.stop();
                List<DetectionEvent> events = watcher.awaitCount(sent, Duration.ofSeconds(120));
                assertThat(events)
                        .as("one event per frame, across a replaced thread and a crash loop")
                        .extracting(DetectionEvent::getFrameSequence)
                        .containsExactlyElementsOf(
                                LongStream.range(0, sent).boxed().toList());
                assertThat(events).allSatisfy(e -> {
                    assertThat(e.getModelDigest()).isEqualTo(digest);
                    assertThat(e.getModelVersion()).isEqualTo("v1");
                });
            }
            assertThat(readiness)
                    .as("while threads failed, readiness said so with the cause")
                    .anySatisfy(detail -> assertThat(detail)
                            .contains("stream threads failed")
                            .contains("InternalError: simulated native failure"));
            assertThat(metrics.scrape())
                    .contains("vigil_detect_thread_failures_total{exception=\"InternalError\"} 4.0");
        }
    }

    /** The real detectors of a model, made to throw an {@link InternalError} on the next N batches when asked. */
    static final class FailingDetectors {
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger made = new AtomicInteger();
        private final DetectorFactory factory;

        FailingDetectors(ModelDetectors real) {
            factory = new HookedDetectors(real, made::incrementAndGet, () -> {
                if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new InternalError("simulated native failure");
                }
            });
        }

        DetectorFactory factory() {
            return factory;
        }

        void failNext(int batches) {
            failures.set(batches);
        }

        int made() {
            return made.get();
        }
    }

    /** Samples readiness and the running gauge every 20 ms, keeping each readiness detail seen while down. */
    static final class HealthSampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean closed;
        private volatile boolean sawDownAndNotRunning;

        HealthSampler(HealthChecks health, PrometheusMeterRegistry metrics, ConcurrentLinkedQueue<String> details) {
            thread = new Thread(() -> {
                while (!closed) {
                    HealthChecks.Report ready = health.ready();
                    if (!ready.up()) {
                        details.add(ready.checks().get("streams").detail());
                        double running =
                                metrics.get("vigil.detect.running").gauge().value();
                        if (ready.checks().get("streams").detail().contains("stream threads failed") && running == 0) {
                            sawDownAndNotRunning = true;
                        }
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            thread.start();
        }

        void reset() {
            sawDownAndNotRunning = false;
        }

        void awaitDown(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!sawDownAndNotRunning && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(sawDownAndNotRunning)
                    .as("readiness down and vigil_detect_running 0 while threads fail")
                    .isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.join();
        }
    }
}
