package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stream.infra.BrokerSettings;
import dev.vigil.stream.infra.EmbeddedKafkaBroker;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.ingest.CameraReader;
import dev.vigil.stream.ingest.CameraSpec;
import dev.vigil.stream.ingest.CameraStats;
import dev.vigil.stream.ingest.IngestApplication;
import dev.vigil.stream.ingest.IngestSettings;
import dev.vigil.stream.testing.RtspTestCamera;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, defect 8: a live camera keeps being read while its broker is away. The frames' broker (a real in-process
 * one of its own) is stopped while ingest reads a real RTSP camera; the producer's buffer is small, so without a
 * queue between reader and producer the reader would sit in {@code producer.send()} and the camera go unread. The
 * reader must go on decoding every second of the outage, every frame lost must be counted (dropped from the queue or
 * expired in the producer), and the run must end non-zero saying so.
 */
class IngestOutageIT {

    static final Duration OUTAGE = Duration.ofSeconds(10);
    static final Duration WINDOW = Duration.ofSeconds(2);

    @TempDir
    Path tmp;

    @Test
    void aLiveCameraKeepsBeingReadWhileTheBrokerIsAwayAndEveryLostFrameIsCounted() throws Exception {
        int rtspPort = RtspTestCamera.freePort();
        try (LocalInfrastructure registryHost = LocalInfrastructure.startEphemeral();
                RtspTestCamera camera = RtspTestCamera.start(rtspPort, "cam")) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                    BrokerSettings.defaults(tmp.resolve("kafka")).withPort(0));
            Map<String, Object> producer = Map.of(
                    "bootstrap.servers", broker.bootstrapServers(),
                    "buffer.memory", "262144",
                    "request.timeout.ms", "2000",
                    "delivery.timeout.ms", "6000");
            CameraSpec live = CameraSpec.parse("live=" + camera.url(), 0, CameraSpec.ReplayMode.REALTIME, false)
                    .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
            IngestSettings settings = IngestSettings.defaults(
                    List.of(live), producer, Map.of("schema.registry.url", registryHost.schemaRegistryUrl()));
            String report;
            int exitCode;
            CameraStats stats;
            try (IngestApplication ingest = IngestApplication.start(settings)) {
                CameraReader reader = ingest.readers().get(0);
                stats = reader.stats();
                await(() -> stats.framesSent() >= 20, "frames sent before the outage");
                broker.close();

                List<Long> decodedPerWindow = new ArrayList<>();
                for (Instant end = Instant.now().plus(OUTAGE); Instant.now().isBefore(end); ) {
                    long before = stats.framesDecoded();
                    Thread.sleep(WINDOW.toMillis());
                    decodedPerWindow.add(stats.framesDecoded() - before);
                }
                assertThat(decodedPerWindow)
                        .as("frames decoded in each %s s of the outage", WINDOW.toSeconds())
                        .allSatisfy(n -> assertThat(n).isPositive());
                assertThat(stats.framesQueueFull())
                        .as("frames dropped while Kafka was away")
                        .isPositive();

                ingest.stop();
                ingest.awaitCameras();
                StringWriter err = new StringWriter();
                exitCode = IngestCommand.report(ingest, new PrintWriter(err));
                report = err.toString();
            }
            assertThat(stats.framesDecoded())
                    .as("every decoded frame accounted for")
                    .isEqualTo(stats.framesSent() + stats.framesLost() + stats.framesSampledOut());
            assertThat(exitCode).as(report).isEqualTo(1);
            assertThat(report)
                    .contains("camera 'live'")
                    .contains(stats.framesLost() + " frame(s) lost")
                    .contains(stats.framesQueueFull() + " dropped while Kafka did not keep up");
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
