package dev.vigil.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The start-up probe against peers that are not there, and a real registry (no broker needed). */
class StartupCheckTest {

    static StartupCheck check(int attempts, Duration timeout) {
        ConnectOptions options = new ConnectOptions();
        options.attempts = attempts;
        options.timeout = timeout;
        return new StartupCheck(options);
    }

    @Test
    void anUnreachableBrokerIsNamedWithItsAddressAndTheAttempts() {
        long start = System.nanoTime();
        assertThatThrownBy(
                        () -> check(2, Duration.ofMillis(500)).awaitKafka(Map.of("bootstrap.servers", "127.0.0.1:1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka at 127.0.0.1:1 (--bootstrap-servers)")
                .hasMessageContaining("unreachable after 2 attempt(s) of 500 ms each");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void anUnreachableRegistryIsNamed() {
        StartupCheck check = check(1, Duration.ofMillis(500));
        assertThatThrownBy(() -> check.awaitRegistry(Map.of("schema.registry.url", "http://127.0.0.1:1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Schema registry at http://127.0.0.1:1 (--schema-registry-url)")
                .hasMessageContaining("unreachable after 1 attempt(s)");
    }

    @Test
    void aRegistryThatAnswersPasses() {
        try (EmbeddedSchemaRegistry registry =
                EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore())) {
            check(1, Duration.ofSeconds(5)).awaitRegistry(Map.of("schema.registry.url", registry.url()));
        }
    }

    @Test
    void aRegistryThatComesUpBetweenAttemptsPasses() throws Exception {
        EmbeddedSchemaRegistry first =
                EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore());
        String url = first.url();
        int port = java.net.URI.create(url).getPort();
        first.close();
        AtomicReference<EmbeddedSchemaRegistry> second = new AtomicReference<>();
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(300);
                second.set(EmbeddedSchemaRegistry.start(
                        RegistryServerConfig.ephemeral().withPort(port), new InMemorySchemaStore()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        later.start();
        try {
            check(5, Duration.ofMillis(500)).awaitRegistry(Map.of("schema.registry.url", url));
        } finally {
            later.join();
            if (second.get() != null) {
                second.get().close();
            }
        }
        assertThat(second.get())
                .as("the registry came up after the first attempt")
                .isNotNull();
    }
}
