package dev.vigil.stream.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracking stage's endpoints through the real web server: the scenes as a page reads them, and the counts API
 * before the application has started. The counts themselves, read from a running application's store, are checked
 * in {@link TrackingCrashIT}.
 */
class TrackingWebRoutesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    void start(SceneConfig scene) {
        server = WebServer.start(
                "127.0.0.1",
                0,
                VigilMetrics.newRegistry(),
                new HealthChecks(),
                List.of(new SceneApi(scene), new CountsApi(() -> null)));
    }

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scenesAreServedWithTheNamesAndUnitsOfTheYaml() throws Exception {
        Path file = Files.writeString(tmp.resolve("scene.yaml"), """
                cameras:
                  gate:
                    units: fraction
                    min_score: {default: 0.3}
                    masks:
                      - [[0, 0], [1, 0], [1, 0.1], [0, 0.1]]
                    zones:
                      - name: door
                        polygon: [[0.1, 0.6], [0.3, 0.6], [0.3, 1.0], [0.1, 1.0]]
                        loitering_seconds: 30
                    lines:
                      - name: street
                        from: [0, 0.7]
                        to: [1, 0.7]
                  yard:
                    lines:
                      - name: fence
                        from: [10, 200]
                        to: [630, 220]
                """);
        start(SceneConfig.read(file));

        HttpResponse<String> all = get(SceneApi.PATH);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode cameras = JSON.readTree(all.body()).get("cameras");
        assertThat(cameras.fieldNames()).toIterable().containsExactly("gate", "yard");
        JsonNode gate = cameras.get("gate");
        assertThat(gate.get("units").asText()).isEqualTo("fraction");
        assertThat(gate.at("/min_score/default").asDouble()).isEqualTo(0.3);
        assertThat(gate.at("/masks/0/2/1").asDouble()).isEqualTo(0.1);
        assertThat(gate.at("/zones/0/name").asText()).isEqualTo("door");
        assertThat(gate.at("/zones/0/polygon/3/1").asDouble()).isEqualTo(1.0);
        assertThat(gate.at("/zones/0/loitering_seconds").asDouble()).isEqualTo(30);
        assertThat(gate.at("/lines/0/to/0").asDouble()).isEqualTo(1.0);
        assertThat(cameras.get("yard").has("units")).as("not given: pixels").isFalse();
        assertThat(cameras.at("/yard/lines/0/from/1").asDouble()).isEqualTo(200);

        HttpResponse<String> yard = get(SceneApi.PATH + "/yard");
        assertThat(yard.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(yard.body()).get("scene")).isEqualTo(cameras.get("yard"));

        HttpResponse<String> unknown = get(SceneApi.PATH + "/lobby");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("lobby");
    }

    @Test
    void countsAre503WhileTheApplicationStarts() throws Exception {
        start(new SceneConfig(null));
        HttpResponse<String> response = get(CountsApi.PATH + "?camera=gate");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).get("error").asText()).contains("starting");
        assertThat(JSON.readTree(get(SceneApi.PATH).body()).get("cameras").size())
                .isZero();
    }
}
