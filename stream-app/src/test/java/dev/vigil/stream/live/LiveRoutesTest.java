package dev.vigil.stream.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.live.LiveRecords.Box;
import dev.vigil.stream.live.LiveRecords.EventRow;
import dev.vigil.stream.live.LiveRecords.StoredFrame;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.WebServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live view's pages and API through the real web server on a free port (no broker: the cameras are fed here). */
class LiveRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_800_000_000_000L;

    private final LiveCameras cameras = new LiveCameras(new SceneConfig(Map.of()));
    private final HttpClient http = HttpClient.newHttpClient();
    private WebServer server;

    @BeforeEach
    void start() {
        server = WebServer.start(
                "127.0.0.1", 0, VigilMetrics.newRegistry(), new HealthChecks(), List.of(new LiveRoutes(cameras)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private void feed(String camera, long sequence) {
        LiveCamera c = cameras.camera(camera).orElseThrow();
        c.onFrame(
                        new StoredFrame(
                                "r", sequence, T0, 64, 48, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) sequence}),
                        T0)
                .ifPresent(cameras::publish);
        c.onEvent(
                        new EventRow(
                                "r",
                                sequence,
                                T0,
                                T0 + 250,
                                "OK",
                                "m 1",
                                List.of(new Box("car", 0.9f, 1, 2, 30, 40, 5L))),
                        "m",
                        "1",
                        T0)
                .ifPresent(cameras::publish);
    }

    @Test
    void servesThePagesFromTheJar() throws Exception {
        for (String path :
                List.of("/", "/camera", "/live/live.js", "/live/grid.js", "/live/camera.js", "/live/live.css")) {
            HttpResponse<byte[]> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).isNotEmpty();
        }
        assertThat(new String(get("/").body(), StandardCharsets.UTF_8)).contains("<script src=\"/live/grid.js\">");
        assertThat(get("/live/../logback.xml").statusCode()).isEqualTo(404);
        assertThat(get("/live/secret.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void givesEachCameraWithItsLatestFrameAndTheFrameItself() throws Exception {
        feed("gate", 3);
        feed("yard", 1);
        JsonNode all = JSON.readTree(get("/api/cameras").body());
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("id").asText()).isEqualTo("gate");
        JsonNode latest = all.get(0).get("latest");
        assertThat(latest.get("sequence").asLong()).isEqualTo(3);
        assertThat(latest.get("latencyMillis").asLong()).isEqualTo(250);
        assertThat(latest.get("boxes").get(0).get("trackId").asLong()).isEqualTo(5);

        HttpResponse<byte[]> jpeg = get(latest.get("frameUrl").asText());
        assertThat(jpeg.statusCode()).isEqualTo(200);
        assertThat(jpeg.headers().firstValue("content-type")).hasValue("image/jpeg");
        assertThat(jpeg.body()).containsExactly(0xff, 0xd8, 3);

        JsonNode gate = JSON.readTree(get("/api/cameras/gate").body());
        assertThat(gate.get("events")).hasSize(1);
        assertThat(gate.get("objects").get(0).get("trackId").asLong()).isEqualTo(5);
        assertThat(get(gate.get("objects").get(0).get("snapshotUrl").asText()).body())
                .containsExactly(0xff, 0xd8, 3);
    }

    @Test
    void unknownCamerasFramesAndNumbersAreNotFound() throws Exception {
        feed("gate", 0);
        assertThat(get("/api/cameras/nobody").statusCode()).isEqualTo(404);
        assertThat(get("/api/cameras/gate/frames/99?run=r").statusCode()).isEqualTo(404);
        assertThat(get("/api/cameras/gate/frames/abc").statusCode()).isEqualTo(404);
        assertThat(get("/api/cameras/gate/objects/-1").statusCode()).isEqualTo(404);
        assertThat(get("/api/cameras/%2e%2e%2fetc/frames/0").statusCode()).isEqualTo(404);
        assertThat(cameras.known("nobody")).as("requests make no camera").isEmpty();
    }

    @Test
    void theCameraStreamSendsEachNewFrame() throws Exception {
        feed("gate", 0);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + "/api/cameras/gate/stream"))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(nextData(lines).get("sequence").asLong())
                    .as("the latest frame at once")
                    .isZero();
            feed("gate", 1);
            assertThat(nextData(lines).get("sequence").asLong()).isEqualTo(1);
            feed("yard", 7);
            feed("gate", 2);
            assertThat(nextData(lines).get("sequence").asLong())
                    .as("only this camera's frames")
                    .isEqualTo(2);
        }
    }

    private static JsonNode nextData(BufferedReader lines) throws Exception {
        CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        return line.substring("data: ".length());
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return JSON.readTree(data.get(10, TimeUnit.SECONDS));
    }
}
