package dev.vigil.stream.kafka;

import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.RegistryUnavailableException;
import dev.vigil.schemas.registry.RestSchemaRegistryClient;
import dev.vigil.stream.retry.Backoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms at start that the Kafka cluster and the schema registry answer, trying a bounded number of times with
 * back-off, so that a command fails early with a message naming what it could not reach instead of failing later on
 * every record. A registry that answers but refuses (credentials, an untrusted certificate) fails at once: trying
 * again would not help.
 */
public final class StartupCheck {

    private static final Logger log = LoggerFactory.getLogger(StartupCheck.class);
    private static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY_DELAY = Duration.ofSeconds(10);

    private final ConnectOptions options;

    public StartupCheck(ConnectOptions options) {
        this.options = options;
    }

    /** What is probed: a name for messages, and a call that fails while the peer is unreachable. */
    @FunctionalInterface
    private interface Probe {
        void call(Duration timeout) throws Exception;
    }

    /**
     * Waits until both answer.
     *
     * @throws IllegalStateException naming the unreachable peer and its address when the attempts are used up
     */
    public void awaitKafkaAndRegistry(Map<String, Object> clientConfig, Map<String, ?> serdeConfig) {
        awaitKafka(clientConfig);
        awaitRegistry(serdeConfig);
    }

    /** Waits until the schema registry answers; see {@link #awaitKafkaAndRegistry}. */
    public void awaitRegistry(Map<String, ?> serdeConfig) {
        String registryUrl = RegistryClientConfig.redactCredentials(
                String.valueOf(serdeConfig.get(RegistryClientConfig.SCHEMA_REGISTRY_URL)));
        await("Schema registry at " + registryUrl + " (--schema-registry-url)", t -> probeRegistry(serdeConfig, t));
    }

    /** Waits until the Kafka cluster answers; see {@link #awaitKafkaAndRegistry}. */
    public void awaitKafka(Map<String, Object> clientConfig) {
        await(
                "Kafka at " + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + " (--bootstrap-servers)",
                t -> probeKafka(clientConfig, t));
    }

    private void await(String peer, Probe probe) {
        Backoff backoff = new Backoff(
                FIRST_RETRY_DELAY,
                LONGEST_RETRY_DELAY,
                Backoff.DEFAULT_JITTER,
                RandomGenerator.getDefault(),
                Math.max(0, options.attempts() - 1));
        for (int attempt = 1; ; attempt++) {
            try {
                probe.call(options.timeout());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + peer, e);
            } catch (RegistryException e) {
                if (!(e instanceof RegistryUnavailableException)) {
                    throw new IllegalStateException(peer + " refused: " + e.getMessage());
                }
                retryOrGiveUp(peer, attempt, backoff, e);
            } catch (Exception e) {
                retryOrGiveUp(peer, attempt, backoff, e);
            }
        }
    }

    /** Waits before the next attempt, or gives up naming the peer when the attempts are used up. */
    private void retryOrGiveUp(String peer, int attempt, Backoff backoff, Exception e) {
        String reason = rootMessage(e);
        if (attempt >= options.attempts()) {
            throw new IllegalStateException(peer + " is unreachable after " + attempt + " attempt(s) of "
                    + options.timeout().toMillis() + " ms each: " + reason);
        }
        Duration delay = backoff.nextDelay();
        log.warn(
                "{} did not answer ({}); attempt {} of {} in {} ms",
                peer,
                reason,
                attempt + 1,
                options.attempts(),
                delay.toMillis());
        sleep(delay, peer);
    }

    private static void probeKafka(Map<String, Object> clientConfig, Duration timeout) throws Exception {
        Map<String, Object> config = new HashMap<>(clientConfig);
        int millis = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis))
                    .clusterId()
                    .get(millis + 1_000L, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One request to the schema registry (its subjects), no retry.
     *
     * @throws dev.vigil.schemas.registry.RegistryException when it cannot be reached or refuses
     */
    public static void probeRegistry(Map<String, ?> serdeConfig, Duration timeout) {
        Map<String, Object> config = new HashMap<>(serdeConfig);
        config.put(RegistryClientConfig.MAX_RETRIES, 0);
        config.put(RegistryClientConfig.CONNECT_TIMEOUT_MS, (int) timeout.toMillis());
        config.put(RegistryClientConfig.REQUEST_TIMEOUT_MS, (int) timeout.toMillis());
        new RestSchemaRegistryClient(new RegistryClientConfig(config)).subjects();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void sleep(Duration delay, String peer) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + peer, e);
        }
    }
}
