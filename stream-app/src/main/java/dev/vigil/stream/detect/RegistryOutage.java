package dev.vigil.stream.detect;

import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.serde.AvroSerdeException;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.retry.Backoff;
import dev.vigil.stream.web.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry that cannot be used (down, unreachable, refusing) while detect runs: not the frames' fault, so
 * never a dead letter. The step that met it throws; the stream thread's failure comes here ({@link #handle}), which
 * pauses processing, and the thread is replaced: under exactly-once its open transaction is dropped, so the frame in
 * hand and every frame after it are read again once processing resumes, none lost, none repeated. Meanwhile a
 * background probe asks the registry with back-off, and readiness says the registry is out; when it answers,
 * processing resumes.
 */
final class RegistryOutage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryOutage.class);
    static final Duration FIRST_PROBE_DELAY = Duration.ofSeconds(1);
    static final Duration LONGEST_PROBE_DELAY = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, ?> serdeConfig;
    private final String registryUrl;
    private final CountDownLatch closed = new CountDownLatch(1);
    private KafkaStreams streams;
    private Instant since;
    private String lastCause;
    private Thread probe;

    RegistryOutage(Map<String, ?> serdeConfig) {
        this.serdeConfig = serdeConfig;
        this.registryUrl = RegistryClientConfig.redactCredentials(
                String.valueOf(serdeConfig.get(RegistryClientConfig.SCHEMA_REGISTRY_URL)));
    }

    /**
     * Whether {@code failure} is the registry's rather than the record's: a registry exception (unreachable,
     * refusing) among its causes, before any {@link AvroSerdeException} (a bad record, e.g. an unknown schema id).
     */
    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AvroSerdeException) {
                return false;
            }
            if (t instanceof RegistryException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The application whose processing is paused and resumed. */
    synchronized void watch(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * Called with a stream thread's failure: when it is the registry's, pauses processing until the registry answers
     * again.
     *
     * @return whether it was the registry's (the thread should then be replaced)
     */
    synchronized boolean handle(Throwable failure) {
        if (!isCause(failure)) {
            return false;
        }
        lastCause = rootMessage(failure);
        if (since == null) {
            since = Instant.now();
            log.warn(
                    "Schema registry at {} cannot be used ({}); processing paused, no frame dead-lettered, until it "
                            + "answers",
                    registryUrl,
                    lastCause);
            if (streams != null) {
                streams.pause();
            }
            probe = new Thread(this::probeUntilAnswered, "registry-outage-probe");
            probe.setDaemon(true);
            probe.start();
        }
        return true;
    }

    /** Down while processing waits for the registry. */
    synchronized HealthStatus status() {
        if (since == null) {
            return HealthStatus.up("schema registry at " + registryUrl + " in use");
        }
        return HealthStatus.down("schema registry at " + registryUrl + " cannot be used since " + since + " ("
                + lastCause + "); processing paused");
    }

    private void probeUntilAnswered() {
        Backoff backoff = new Backoff(
                FIRST_PROBE_DELAY, LONGEST_PROBE_DELAY, Backoff.DEFAULT_JITTER, RandomGenerator.getDefault());
        while (true) {
            try {
                if (closed.await(backoff.nextDelay().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                StartupCheck.probeRegistry(serdeConfig, PROBE_TIMEOUT);
                resume();
                return;
            } catch (RuntimeException e) {
                synchronized (this) {
                    lastCause = rootMessage(e);
                }
                log.debug("Schema registry at {} still cannot be used: {}", registryUrl, e.getMessage());
            }
        }
    }

    private synchronized void resume() {
        log.info(
                "Schema registry at {} answers again after {} s; processing resumed",
                registryUrl,
                Duration.between(since, Instant.now()).toSeconds());
        since = null;
        lastCause = null;
        probe = null;
        if (streams != null) {
            streams.resume();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable registry = failure;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof RegistryException) {
                registry = t;
                break;
            }
        }
        return registry.getClass().getSimpleName() + ": " + registry.getMessage();
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
