package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.RtspTestCamera;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Ingest from a real RTSP server (GStreamer) on loopback that crashes mid-stream and comes back on the same port:
 * ingest reconnects, counts it, and frames keep arriving with increasing sequence numbers.
 */
class RtspIngestIT {

    static final String TOPIC = "rtsp-frames";
    static final int MAX_FRAMES = 50;
    static final int FRAMES_BEFORE_CRASH = 10;
    static final int FRAMES_AFTER_RESTART = 10;
    static final Duration WAIT = Duration.ofSeconds(40);

    @Test
    void ingestReconnectsAfterTheServerCrashesAndComesBack() throws Exception {
        int rtspPort = RtspTestCamera.freePort();
        int metricsPort = RtspTestCamera.freePort();
        List<Frame> frames = new CopyOnWriteArrayList<>();
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral();
                FrameFollower follower = new FrameFollower(infra, frames)) {
            RtspTestCamera server = RtspTestCamera.start(rtspPort, "cam");
            String url = server.url();
            CompletableFuture<CliRun> ingest = CompletableFuture.supplyAsync(() -> CliRun.of(
                    "ingest",
                    "--bootstrap-servers",
                    infra.bootstrapServers(),
                    "--schema-registry-url",
                    infra.schemaRegistryUrl(),
                    "--frames-topic",
                    TOPIC,
                    "--camera",
                    "live=" + url,
                    "--fps",
                    "10",
                    "--max-frames",
                    String.valueOf(MAX_FRAMES),
                    "--io-timeout",
                    "2s",
                    "--stats-interval",
                    "1s",
                    "--web-port",
                    String.valueOf(metricsPort)));
            try {
                await(() -> frames.size() >= FRAMES_BEFORE_CRASH, "frames before the crash");
                assertThat(get(metricsPort, "/health/ready").statusCode())
                        .as("ready while the camera streams")
                        .isEqualTo(200);
                server.close();
                await(() -> status(metricsPort, "/health/ready") == 503, "not ready while the camera is down");
                assertThat(get(metricsPort, "/health/ready").body()).contains("not streaming: live");
                assertThat(get(metricsPort, "/health/live").statusCode()).isEqualTo(200);
                int atCrash = frames.size();
                Instant restarted = Instant.now();
                server = RtspTestCamera.start(rtspPort, "cam");
                await(() -> frames.size() >= atCrash + FRAMES_AFTER_RESTART, "frames after the restart");
                assertThat(get(metricsPort, "/health/ready").statusCode())
                        .as("ready again once the camera is back")
                        .isEqualTo(200);
                assertThat(reconnects(metricsPort)).isGreaterThanOrEqualTo(1);
                assertThat(frames.get(frames.size() - 1).getCaptureTime()).isAfter(restarted);

                CliRun run = ingest.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertThat(run.err()).containsPattern("camera 'live': \\d+ frames in, " + MAX_FRAMES + " sent");
            } finally {
                server.close();
            }
            await(() -> frames.size() >= MAX_FRAMES, "every frame sent");
            assertThat(frames).hasSize(MAX_FRAMES);
            for (int i = 1; i < frames.size(); i++) {
                assertThat(frames.get(i).getFrameSequence())
                        .isGreaterThan(frames.get(i - 1).getFrameSequence());
            }
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static int status(int port, String path) {
        try {
            return get(port, path).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long reconnects(int metricsPort) throws Exception {
        HttpResponse<String> response = get(metricsPort, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE vigil_ingest_frames_total counter")
                .containsPattern("vigil_ingest_frames_total\\{camera=\"live\",outcome=\"sent\"} [1-9]\\d*(\\.0)?\n")
                .contains("vigil_ingest_camera_streaming{camera=\"live\"} 1");
        Matcher m = Pattern.compile("vigil_ingest_reconnects_total\\{camera=\"live\"} (\\d+)")
                .matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** Reads the frames topic in the background as frames arrive. */
    private static final class FrameFollower implements AutoCloseable {
        private final CompletableFuture<Void> running;
        private volatile boolean stop;

        FrameFollower(LocalInfrastructure infra, List<Frame> frames) {
            running = CompletableFuture.runAsync(() -> {
                try (KafkaConsumer<String, Frame> consumer = new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                infra.bootstrapServers(),
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "rtsp-test",
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest",
                                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                                500),
                        new StringDeserializer(),
                        AvroSerdes.specific(Frame.class, Map.of("schema.registry.url", infra.schemaRegistryUrl()))
                                .deserializer())) {
                    consumer.subscribe(List.of(TOPIC));
                    while (!stop) {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> frames.add(r.value()));
                    }
                }
            });
        }

        @Override
        public void close() {
            stop = true;
            running.join();
        }
    }
}
