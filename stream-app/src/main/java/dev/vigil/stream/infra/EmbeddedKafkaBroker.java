package dev.vigil.stream.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM, built from
 * Kafka's own server classes. Not a mock: clients talk to it over TCP exactly as to a cluster.
 *
 * <p>The data directory is formatted on first start and reused afterwards, so topics and offsets survive a
 * restart on the same directory. Kafka's server threads keep the JVM alive: always {@link #close()} it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final BrokerSettings settings;
    private final int brokerPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(BrokerSettings settings, int brokerPort) {
        this.settings = settings;
        this.brokerPort = brokerPort;
    }

    /**
     * Formats the data directory if it is new, starts the broker and waits until it answers clients.
     *
     * @throws IllegalStateException when the broker does not become ready within the settings' start timeout
     */
    public static EmbeddedKafkaBroker start(BrokerSettings settings) {
        int port = settings.port() == 0 ? freePort(settings.host()) : settings.port();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings, port);
        try {
            broker.startServer();
            broker.awaitReady();
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The address clients put in {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return settings.host() + ":" + brokerPort;
    }

    public Path dataDir() {
        return settings.dataDir();
    }

    private void startServer() {
        int controllerPort = freePort(settings.host());
        Properties props = serverProperties(controllerPort);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        formatIfNew(controllerPort);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        log.info("Kafka broker starting at {} (data in {})", bootstrapServers(), settings.dataDir());
    }

    private Properties serverProperties(int controllerPort) {
        String host = settings.host();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                        + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", settings.dataDir().toAbsolutePath().toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A transaction's first write to a partition waits here, up to this long, while the producer's previous
        // transaction is still being completed (its markers written) instead of failing with CONCURRENT_TRANSACTIONS
        // after Kafka's default 100 ms, which a loaded machine overran on the first transactions of an exactly-once
        // application (the client retried, logging a warning each time).
        p.put("add.partitions.to.txn.retry.backoff.max.ms", "5000");
        p.put("message.max.bytes", String.valueOf(settings.maxMessageBytes()));
        p.put("replica.fetch.max.bytes", String.valueOf(settings.maxMessageBytes()));
        p.put("auto.create.topics.enable", "true");
        settings.overrides().forEach(p::put);
        return p;
    }

    private void formatIfNew(int controllerPort) {
        Path dir = settings.dataDir().toAbsolutePath();
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
        try {
            Files.createDirectories(dir);
            new Formatter()
                    .setPrintStream(new PrintStream(formatterOutput, true, StandardCharsets.UTF_8))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .addDirectory(dir.toString())
                    .setMetadataLogDirectory(dir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Could not format Kafka data directory " + dir + ": " + e.getMessage() + " "
                            + formatterOutput.toString(StandardCharsets.UTF_8).trim(),
                    e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(settings.startTimeout());
        Exception last = null;
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000))) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        log.info("Kafka broker ready at {}", bootstrapServers());
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException(
                "Kafka broker at " + bootstrapServers() + " not ready after "
                        + settings.startTimeout().toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()),
                last);
    }

    /** Stops the broker and waits for its threads to end. Safe to call twice. */
    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            log.info("Kafka broker at {} stopped", bootstrapServers());
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on " + host, e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }
}
