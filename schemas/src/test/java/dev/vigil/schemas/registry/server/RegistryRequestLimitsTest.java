package dev.vigil.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.RegistryUnavailableException;
import dev.vigil.schemas.registry.RestSchemaRegistryClient;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry refuses bodies over its limit with 413 without taking them in, and many huge bodies at once leave it
 * (and the broker beside it in production) alive.
 */
class RegistryRequestLimitsTest {

    private static final long MB = 1024 * 1024;
    private static final String RECORD =
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWith413BeforeItIsSent() throws Exception {
        try (EmbeddedSchemaRegistry registry =
                EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore())) {
            StreamedUpload.Result result =
                    StreamedUpload.post(registry.url(), "/subjects/big-value/versions", 200 * MB, true);

            assertThat(result.status()).isEqualTo(413);
            assertThat(result.body())
                    .isEqualTo("{\"error_code\":413,\"message\":\"Request body of 209715200 bytes is larger than"
                            + " the limit of 1048576 bytes\"}");
            assertThat(result.bytesSent())
                    .as("body bytes sent before the answer")
                    .isLessThan(16 * MB);
        }
    }

    @Test
    void aChunkedBodyIsCutOffWith413OnceItPassesTheLimit() throws Exception {
        try (EmbeddedSchemaRegistry registry =
                EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore())) {
            StreamedUpload.Result result =
                    StreamedUpload.post(registry.url(), "/subjects/big-value/versions", 200 * MB, false);

            assertThat(result.status()).isEqualTo(413);
            assertThat(result.body())
                    .isEqualTo("{\"error_code\":413,\"message\":\"Request body is larger than the limit of 1048576"
                            + " bytes\"}");
            assertThat(result.bytesSent())
                    .as("body bytes sent before the answer")
                    .isLessThan(16 * MB);
            assertThat(RestSchemaRegistryClient.forUrl(registry.url()).subjects())
                    .isEmpty();
        }
    }

    @Test
    void theBodyLimitIsConfigurableAndTheClientSaysWhatWasRefused() {
        RegistryServerConfig config = RegistryServerConfig.ephemeral()
                .withLimits(RegistryLimits.defaults().withMaxRequestBytes(64));
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(config, new InMemorySchemaStore())) {
            assertThatThrownBy(() ->
                            RestSchemaRegistryClient.forUrl(registry.url()).register("s-value", RECORD))
                    .isInstanceOf(RegistryException.class)
                    .isNotInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("larger than the limit of 64 bytes")
                    .hasMessageContaining("HTTP 413");
        }
    }

    @Test
    void requestsBeyondTheConcurrencyLimitAndQueueAreAnswered503() throws Exception {
        RegistryServerConfig config = RegistryServerConfig.ephemeral()
                .withLimits(
                        RegistryLimits.defaults().withMaxConcurrentRequests(1).withQueue(0, Duration.ZERO));
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(config, new InMemorySchemaStore())) {
            HttpResponse<String> busy;
            try (StalledUpload stalled = StalledUpload.start(registry.url())) {
                busy = get(registry.url() + "/subjects");
            }
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Retry-After")).contains("1");
            assertThat(busy.body())
                    .isEqualTo("{\"error_code\":503,\"message\":\"The schema registry is busy (1 requests in"
                            + " progress, 0 waiting at most 0 ms); retry later\"}");
            awaitServed(registry.url());
        }
    }

    @Test
    void aQueuedRequestIsServedWhenATurnFrees() throws Exception {
        RegistryServerConfig config = RegistryServerConfig.ephemeral()
                .withLimits(
                        RegistryLimits.defaults().withMaxConcurrentRequests(1).withQueue(1, Duration.ofSeconds(30)));
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(config, new InMemorySchemaStore())) {
            CompletableFuture<HttpResponse<String>> queued;
            try (StalledUpload stalled = StalledUpload.start(registry.url())) {
                queued = HttpClient.newHttpClient()
                        .sendAsync(
                                HttpRequest.newBuilder(URI.create(registry.url() + "/subjects"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                Thread.sleep(500);
                assertThat(queued)
                        .as("waits while the stalled upload holds the only turn")
                        .isNotDone();
            }
            assertThat(queued.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    /** Five 300 MB bodies at once at a registry with a 64 MB heap: today's limit leaves it serving. */
    @Test
    void concurrentHugeBodiesDoNotRunTheRegistryOutOfMemory(@TempDir Path work) throws Exception {
        Path output = work.resolve("registry.out");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-Xmx64m",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        RegistryProcess.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            String url = awaitUrl(child, output);
            ExecutorService clients = Executors.newFixedThreadPool(5);
            List<Future<StreamedUpload.Result>> uploads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                boolean declared = i % 2 == 0;
                uploads.add(clients.submit(
                        () -> StreamedUpload.post(url, "/subjects/huge-value/versions", 300 * MB, declared)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<StreamedUpload.Result> upload : uploads) {
                statuses.add(upload.get(120, TimeUnit.SECONDS).status());
            }
            clients.shutdown();

            assertThat(child.isAlive())
                    .as("registry JVM alive (it exits on OutOfMemoryError); its output: %s", Files.readString(output))
                    .isTrue();
            assertThat(statuses).as("answers to 300 MB bodies").allMatch(status -> status == 413 || status == 503);
            RestSchemaRegistryClient client = RestSchemaRegistryClient.forUrl(url);
            assertThat(client.register("after-value", RECORD)).isPositive();
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static String awaitUrl(Process child, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && child.isAlive()) {
            for (String line : Files.readAllLines(output)) {
                if (line.startsWith("url=")) {
                    return line.substring("url=".length());
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The registry process printed no URL: " + Files.readString(output));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The stalled upload's turn is given back once its connection closes. */
    private static void awaitServed(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int status;
        do {
            status = get(url + "/subjects").statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("served after the stalled upload went away").isEqualTo(200);
    }

    /** A request that declares a body and sends only its first bytes, holding a turn until closed. */
    private static final class StalledUpload implements AutoCloseable {
        private final Socket socket;

        private StalledUpload(Socket socket) {
            this.socket = socket;
        }

        static StalledUpload start(String baseUrl) throws Exception {
            URI uri = URI.create(baseUrl);
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            String head = "POST /subjects/stalled-value/versions HTTP/1.1\r\nHost: " + uri.getHost()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"schema\"";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(300);
            return new StalledUpload(socket);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
