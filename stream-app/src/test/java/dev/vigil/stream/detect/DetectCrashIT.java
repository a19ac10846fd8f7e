package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.DetectProcess;
import dev.vigil.stream.testing.FrameProducer;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.VigilProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil detect} in its own JVM, killed with SIGKILL several times while frames flow and started again: a
 * read_committed subscriber still sees exactly one event per frame (nothing lost, nothing repeated).
 */
class DetectCrashIT {

    static final int FRAMES = 60;
    static final int KILLS = 3;

    @TempDir
    Path tmp;

    /** Every detect process this test started, so that none outlives it when an assertion fails. */
    private VigilProcesses processes;

    @Test
    void killingTheDetectorMidStreamNeitherLosesNorRepeatsAnEvent() throws Exception {
        processes = new VigilProcesses(tmp.resolve("detect.log"));
        try {
            killAndRestartWhileFramesFlow();
        } catch (AssertionError e) {
            // the detect processes' own logs say why a frame was lost or repeated
            System.err.println("---- detect.log (all runs) ----");
            System.err.println(java.nio.file.Files.readString(tmp.resolve("detect.log")));
            throw e;
        } finally {
            processes.close();
        }
    }

    private void killAndRestartWhileFramesFlow() throws Exception {
        Path model = SmallModels.writeRandomMobileNet(tmp.resolve("model"));
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral();
                FrameProducer producer =
                        new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.FRAMES)) {
            AtomicInteger sent = new AtomicInteger();
            Thread frames = new Thread(
                    () -> {
                        Instant t0 = Instant.parse("2026-11-24T12:00:00Z");
                        for (int i = 0; i < FRAMES; i++) {
                            producer.send("cam-" + (i % 3), i / 3, t0.plusMillis(40L * i));
                            sent.incrementAndGet();
                            sleep(150);
                        }
                    },
                    "frame-producer");
            frames.start();
            for (int kill = 0; kill < KILLS; kill++) {
                Process detect = startDetect(infra, model);
                awaitEventsBeyond(infra, kill * 5 + 3);
                detect.destroyForcibly().waitFor();
            }
            frames.join();
            int metricsPort = dev.vigil.stream.testing.RtspTestCamera.freePort();
            Process last = startDetect(
                    infra, model, "--metrics-port", String.valueOf(metricsPort), "--metrics-host", "127.0.0.1");
            try {
                readEvents(infra, FRAMES, Duration.ofSeconds(180));
                // Then read everything there is, giving a duplicate, if there were one, time to arrive.
                List<DetectionEvent> events = readEvents(infra, Integer.MAX_VALUE, Duration.ofSeconds(5));
                Map<String, Long> perFrame = events.stream()
                        .collect(Collectors.groupingBy(
                                e -> e.getCameraId() + "#" + e.getFrameSequence(), Collectors.counting()));
                assertThat(sent.get()).isEqualTo(FRAMES);
                assertThat(perFrame).hasSize(FRAMES);
                assertThat(perFrame.values()).as("events per frame").containsOnly(1L);
                String metrics = java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                java.net.URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString())
                        .body();
                assertThat(metrics)
                        .contains("# TYPE vigil_detect_frames_total counter")
                        .contains("vigil_detect_running 1")
                        .contains("# TYPE vigil_detect_batch_duration_seconds histogram");
                assertThat(metrics)
                        .containsPattern("vigil_detect_frames_total\\{camera=\"[^\"]+\",outcome=\"detected\"} [1-9]");
            } finally {
                last.destroy();
                last.waitFor();
            }
        }
        String log = java.nio.file.Files.readString(tmp.resolve("detect.log"));
        assertThat(log)
                .as("each restart after a kill restores the state with one warning and no stack trace")
                .contains("Restoring the state of task(s) [0_0] from the changelog")
                .doesNotContain("TaskCorruptedException");
        assertThat(log.lines().filter(line -> line.matches("^[\\d:.]+ ERROR .*")))
                .as("ERROR lines")
                .isEmpty();
    }

    private void awaitEventsBeyond(LocalInfrastructure infra, int count) {
        assertThat(readEvents(infra, count + 1, Duration.ofSeconds(120)).size())
                .as("detect made progress before the kill")
                .isGreaterThan(count);
    }

    private static List<DetectionEvent> readEvents(LocalInfrastructure infra, int count, Duration timeout) {
        return AvroRecords.read(
                        infra.bootstrapServers(),
                        infra.schemaRegistryUrl(),
                        Topics.DETECTIONS,
                        DetectionEvent.class,
                        count,
                        timeout)
                .stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    private Process startDetect(LocalInfrastructure infra, Path model, String... extraArgs) throws Exception {
        List<String> command = DetectProcess.arguments(infra, model, tmp.resolve("state"));
        command.addAll(List.of("--kafka-property", "session.timeout.ms=6000,heartbeat.interval.ms=1000"));
        command.addAll(List.of(extraArgs));
        return processes.start(command);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
