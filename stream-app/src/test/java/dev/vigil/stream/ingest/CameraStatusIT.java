package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schemas.CameraState;
import dev.vigil.schemas.CameraStatus;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicReader;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.live.LiveView;
import dev.vigil.stream.live.LiveViewSettings;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.testing.RtspTestCamera;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A camera's status tells the truth while a real RTSP camera (GStreamer on loopback) streams, goes away and comes
 * back: ONLINE, then STALLED or RECONNECTING while it is down, ONLINE again with the reconnect counted and the
 * quality lowered, OFFLINE once ingest stops; the same on the metrics, on the compacted cameras topic and in the live
 * view, which reads that topic.
 */
class CameraStatusIT {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statusFollowsTheCameraThroughAnOutage() throws Exception {
        int rtspPort = RtspTestCamera.freePort();
        RtspTestCamera camera = RtspTestCamera.start(rtspPort, "cam");
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            Map<String, Object> client = Map.of("bootstrap.servers", infra.bootstrapServers());
            Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
            PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
            CameraSpec spec = CameraSpec.parse("live=" + camera.url(), 5, CameraSpec.ReplayMode.REALTIME, false)
                    .withTimeouts(Duration.ofSeconds(4), Duration.ofSeconds(2));
            IngestSettings settings = IngestSettings.defaults(List.of(spec), client, serde);
            try (LiveView live = LiveView.start(
                            LiveViewSettings.defaults(client, serde, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES),
                            metrics);
                    WebServer web =
                            WebServer.start("127.0.0.1", 0, metrics, new HealthChecks(), List.of(live.routes()))) {
                IngestApplication ingest =
                        IngestApplication.start(settings, metrics, new HealthChecks(), UnaryOperator.identity());
                try {
                    await(() -> state(metrics).equals("ONLINE"), "ONLINE in the metrics");
                    await(() -> liveViewState(web).equals("ONLINE"), "ONLINE in the live view");
                    assertThat(liveViewStatus(web).get("expectedFps").asDouble())
                            .isEqualTo(25.0);

                    camera.close();
                    await(
                            () -> List.of("STALLED", "RECONNECTING").contains(liveViewState(web)),
                            "STALLED or RECONNECTING in the live view while the camera is down");
                    assertThat(state(metrics)).isIn("STALLED", "RECONNECTING");

                    camera = RtspTestCamera.start(rtspPort, "cam");
                    await(
                            () -> liveViewState(web).equals("ONLINE")
                                    && liveViewStatus(web)
                                                    .get("reconnectsLastHour")
                                                    .asInt()
                                            >= 1,
                            "ONLINE again in the live view, the reconnect counted");
                    assertThat(liveViewStatus(web).get("quality").asText()).isIn("FAIR", "POOR");
                    assertThat(metrics.scrape())
                            .contains("vigil_ingest_camera_state{camera=\"live\",state=\"ONLINE\"} 1")
                            .containsPattern("vigil_ingest_camera_reconnects_last_hour\\{camera=\"live\"} [1-9]");
                } finally {
                    ingest.close();
                }
                await(() -> liveViewState(web).equals("OFFLINE"), "OFFLINE in the live view once ingest stopped");
            }
            List<CameraState> published = publishedStates(client, serde);
            int online = published.indexOf(CameraState.ONLINE);
            int down = published.subList(Math.max(0, online), published.size()).stream()
                    .filter(s -> s == CameraState.STALLED || s == CameraState.RECONNECTING)
                    .findFirst()
                    .map(s -> published
                                    .subList(Math.max(0, online), published.size())
                                    .indexOf(s)
                            + online)
                    .orElse(-1);
            assertThat(online).as("published: %s", published).isNotNegative();
            assertThat(down).as("published: %s", published).isGreaterThan(online);
            assertThat(published.subList(down, published.size()))
                    .as("published: %s", published)
                    .contains(CameraState.ONLINE);
            assertThat(published.get(published.size() - 1)).isEqualTo(CameraState.OFFLINE);
        } finally {
            camera.close();
        }
    }

    private static String state(PrometheusMeterRegistry metrics) {
        for (String s : List.of("ONLINE", "STALLED", "RECONNECTING", "OFFLINE")) {
            if (metrics.scrape().contains("vigil_ingest_camera_state{camera=\"live\",state=\"" + s + "\"} 1")) {
                return s;
            }
        }
        return "";
    }

    private static JsonNode liveViewStatus(WebServer web) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(web.url() + "/api/cameras"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            for (JsonNode camera : JSON.readTree(response.body())) {
                if (camera.get("id").asText().equals("live")) {
                    return camera.get("status");
                }
            }
            return JSON.nullNode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String liveViewState(WebServer web) {
        JsonNode status = liveViewStatus(web);
        return status.isObject() ? status.get("state").asText() : "";
    }

    /** Every status of camera 'live' on the cameras topic, in order. */
    private static List<CameraState> publishedStates(Map<String, Object> client, Map<String, Object> serde) {
        List<CameraState> states = new ArrayList<>();
        try (TopicReader<CameraStatus> reader = new TopicReader<>(
                client,
                Topics.CAMERAS,
                AvroSerdes.specific(CameraStatus.class, serde).deserializer(),
                Duration.ofSeconds(10))) {
            reader.seekToBeginning();
            long end = reader.endOffsets().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            long read = 0;
            Instant deadline = Instant.now().plus(WAIT);
            while (read < end && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, CameraStatus> r : reader.poll(Duration.ofMillis(200))) {
                    read++;
                    if (r.key().equals("live")) {
                        states.add(r.value().getState());
                    }
                }
            }
        }
        return states;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
