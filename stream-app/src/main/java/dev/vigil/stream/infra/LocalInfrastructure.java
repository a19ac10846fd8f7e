package dev.vigil.stream.infra;

import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.KafkaSchemaStoreConfig;
import dev.vigil.stream.logging.KnownNoiseFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Vigil needs on one machine, in this process: a real Kafka broker and a schema registry whose schemas
 * live in that broker's {@code _schemas} topic. Used by {@code vigil infra}, the demo and the tests.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);
    public static final int DEFAULT_REGISTRY_PORT = RegistryServerConfig.DEFAULT_PORT;

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final Path dataDir;
    private final boolean deleteDataOnClose;
    private boolean closed;

    private LocalInfrastructure(
            EmbeddedKafkaBroker broker, EmbeddedSchemaRegistry registry, Path dataDir, boolean deleteDataOnClose) {
        this.broker = broker;
        this.registry = registry;
        this.dataDir = dataDir;
        this.deleteDataOnClose = deleteDataOnClose;
    }

    /**
     * Starts the broker, then the registry on it.
     *
     * @param dataDir where data is kept across restarts; {@code null} for a temporary folder removed on close
     */
    public static LocalInfrastructure start(String host, int kafkaPort, int registryPort, Path dataDir) {
        return start(
                host, kafkaPort, RegistryServerConfig.defaults().withHost(host).withPort(registryPort), dataDir);
    }

    /**
     * Starts the broker on {@code host}, then a registry with {@code registry}'s settings (credentials, HTTPS,
     * limits) on it.
     *
     * @param dataDir where data is kept across restarts; {@code null} for a temporary folder removed on close
     */
    public static LocalInfrastructure start(String host, int kafkaPort, RegistryServerConfig registry, Path dataDir) {
        boolean temporary = dataDir == null;
        Path dir = temporary ? createTempDir() : dataDir;
        if (temporary) {
            KnownNoiseFilter.temporaryOnPurpose(dir);
        }
        BrokerSettings settings =
                BrokerSettings.defaults(dir.resolve("kafka")).withHost(host).withPort(kafkaPort);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(settings);
        try {
            EmbeddedSchemaRegistry schemaRegistry = EmbeddedSchemaRegistry.start(
                    registry, KafkaSchemaStoreConfig.forCluster(broker.bootstrapServers()));
            return new LocalInfrastructure(broker, schemaRegistry, dir, temporary);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Loopback, free ports, a temporary data folder: for tests and demos. */
    public static LocalInfrastructure startEphemeral() {
        return start(BrokerSettings.DEFAULT_HOST, 0, 0, null);
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the registry, then the broker; removes a temporary data folder. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        registry.close();
        broker.close();
        if (deleteDataOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("vigil-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary data folder", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not remove temporary data folder {}: {}", dir, e.getMessage());
        }
    }
}
