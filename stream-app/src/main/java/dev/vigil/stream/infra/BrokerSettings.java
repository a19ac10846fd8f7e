package dev.vigil.stream.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how the embedded broker runs.
 *
 * @param host            the address it listens on and advertises
 * @param port            client port; 0 picks a free one
 * @param dataDir         log and metadata directory; reusing it keeps topics across restarts
 * @param maxMessageBytes largest record batch the broker accepts (frames are large records)
 * @param startTimeout    how long to wait for the broker to answer clients
 * @param overrides       any further broker properties, applied last
 */
public record BrokerSettings(
        String host,
        int port,
        Path dataDir,
        int maxMessageBytes,
        Duration startTimeout,
        Map<String, String> overrides) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    public BrokerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Broker port must be 0..65535, got " + port);
        }
        overrides = Map.copyOf(overrides);
    }

    /** Defaults on the given data directory. */
    public static BrokerSettings defaults(Path dataDir) {
        return new BrokerSettings(
                DEFAULT_HOST, DEFAULT_PORT, dataDir, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_START_TIMEOUT, Map.of());
    }

    public BrokerSettings withPort(int newPort) {
        return new BrokerSettings(host, newPort, dataDir, maxMessageBytes, startTimeout, overrides);
    }

    /** These settings with further broker properties (e.g. how often retention is enforced), applied last. */
    public BrokerSettings withOverrides(Map<String, String> more) {
        return new BrokerSettings(host, port, dataDir, maxMessageBytes, startTimeout, more);
    }

    public BrokerSettings withHost(String newHost) {
        return new BrokerSettings(newHost, port, dataDir, maxMessageBytes, startTimeout, overrides);
    }
}
