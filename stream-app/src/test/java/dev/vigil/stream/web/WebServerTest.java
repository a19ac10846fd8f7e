package dev.vigil.stream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.stream.metrics.VigilMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web server on a real socket: metrics, health, and a page added by a command. */
class WebServerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    PrometheusMeterRegistry metrics;
    HealthChecks health;
    AtomicBoolean cameraUp = new AtomicBoolean(false);
    WebServer server;

    @BeforeEach
    void start() {
        metrics = VigilMetrics.newRegistry();
        Counter.builder("vigil.test.frames")
                .tag("camera", "gate")
                .register(metrics)
                .increment(3);
        health = new HealthChecks()
                .addLiveness("process", () -> HealthStatus.up("answering"))
                .addReadiness(
                        "camera",
                        () -> cameraUp.get() ? HealthStatus.up("streaming") : HealthStatus.down("reconnecting"));
        WebRoutes page = routes -> routes.get("/hello", ctx -> ctx.result("hello from a page"));
        server = WebServer.start("127.0.0.1", 0, metrics, health, List.of(page));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPrometheusTextWithTheProcessesAndOwnMetrics() throws Exception {
        HttpResponse<String> response = get(WebServer.METRICS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(WebServer.PROMETHEUS_TEXT);
        assertThat(response.body())
                .contains("# TYPE vigil_test_frames_total counter")
                .contains("vigil_test_frames_total{camera=\"gate\"} 3.0")
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds")
                .contains("process_cpu_usage");
    }

    @Test
    void readinessFollowsItsChecksWith503AndTheReasonWhenDown() throws Exception {
        HttpResponse<String> down = get(WebServer.READY);
        assertThat(down.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(down.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/camera/status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/camera/detail").asText()).isEqualTo("reconnecting");

        cameraUp.set(true);
        HttpResponse<String> up = get(WebServer.READY);
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body()).get("status").asText()).isEqualTo("UP");

        HttpResponse<String> live = get(WebServer.LIVE);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).at("/checks/process/detail").asText())
                .isEqualTo("answering");
    }

    @Test
    void aCheckThatThrowsCountsAsDown() {
        health.addReadiness("broken", () -> {
            throw new IllegalStateException("no broker");
        });
        cameraUp.set(true);
        HealthChecks.Report report = health.ready();
        assertThat(report.up()).isFalse();
        assertThat(report.checks().get("broken").detail()).contains("no broker");
        assertThat(report.checks().get("camera").up()).isTrue();
    }

    @Test
    void servesTheRoutesACommandAdds() throws Exception {
        HttpResponse<String> response = get("/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from a page");
        assertThat(get("/no-such-page").statusCode()).isEqualTo(404);
    }

    @Test
    void aPortInUseIsNamedInTheError() {
        assertThatThrownBy(() -> WebServer.start("127.0.0.1", server.port(), metrics, health, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + server.port());
    }
}
