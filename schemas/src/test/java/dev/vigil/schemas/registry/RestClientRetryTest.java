package dev.vigil.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.testkit.FixedAnswerServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded retries with back-off on connection errors and 5xx, none on 4xx. */
class RestClientRetryTest {

    private static final int RETRIES = 3;
    private static final long BACKOFF_MS = 20;

    private FixedAnswerServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void unreachableRegistryFailsClearlyAfterBoundedRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        long start = System.nanoTime();

        assertThatThrownBy(() -> client(url).subjects())
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("unreachable")
                .hasMessageContaining(url)
                .hasMessageContaining("failed " + (RETRIES + 1) + " times")
                .hasCauseInstanceOf(java.net.ConnectException.class);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long backoffs = BACKOFF_MS + 2 * BACKOFF_MS + 4 * BACKOFF_MS;
        assertThat(elapsed).isBetween(Duration.ofMillis(backoffs), Duration.ofSeconds(10));
    }

    @Test
    void serverErrorsAreRetriedThenReportedAsUnavailable() throws Exception {
        String url = serve(503, "{\"error_code\":50001,\"message\":\"store down\"}");

        assertThatThrownBy(() -> client(url).subjects())
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("unavailable at [" + url + "]")
                .hasMessageContaining("failed " + (RETRIES + 1) + " times")
                .satisfies(e -> {
                    RegistryException refusal = (RegistryException) e;
                    assertThat(refusal.status()).isEqualTo(503);
                    assertThat(refusal.errorCode()).isEqualTo(50001);
                    assertThat(refusal.registryMessage()).isEqualTo("store down");
                });
        assertThat(server.requests()).isEqualTo(RETRIES + 1);
    }

    @Test
    void tooManyRequestsIsRetriedAsTransient() throws Exception {
        String url = serve(429, "{\"error_code\":429,\"message\":\"slow down\"}");

        assertThatThrownBy(() -> client(url).subjects())
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("slow down");
        assertThat(server.requests()).isEqualTo(RETRIES + 1);
    }

    @Test
    void refusedCredentialsAreNotRetriedAndTheMessageSaysWhatToSet() throws Exception {
        String url = serve(401, "");

        assertThatThrownBy(() -> client(url).subjects())
                .isInstanceOf(RegistryException.class)
                .isNotInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("needs credentials")
                .hasMessageContaining("basic.auth.credentials.source=USER_INFO")
                .hasMessageContaining("HTTP 401");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        String url = serve(404, "{\"error_code\":40401,\"message\":\"Subject 'x' not found.\"}");

        assertThatThrownBy(() -> client(url).versions("x"))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("Subject 'x' not found.")
                .hasMessageContaining("40401");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void backoffDoublesUpToItsBound() {
        ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
        assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(40)).isEqualTo(Duration.ofMillis(500));
    }

    private String serve(int status, String body) throws Exception {
        server = FixedAnswerServer.answering(status, body);
        return server.url();
    }

    private static RestSchemaRegistryClient client(String url) {
        return new RestSchemaRegistryClient(new RegistryClientConfig(Map.of(
                RegistryClientConfig.SCHEMA_REGISTRY_URL, url,
                RegistryClientConfig.MAX_RETRIES, RETRIES,
                RegistryClientConfig.RETRY_BACKOFF_MS, BACKOFF_MS,
                RegistryClientConfig.CONNECT_TIMEOUT_MS, 2_000)));
    }
}
