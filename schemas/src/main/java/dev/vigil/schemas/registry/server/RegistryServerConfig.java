package dev.vigil.schemas.registry.server;

import java.util.Optional;

/**
 * Where the embedded registry listens.
 *
 * @param host interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one (see {@link EmbeddedSchemaRegistry#url()})
 * @param threads request handler threads
 * @param basicAuthUserInfo {@code user:password} required from clients, or empty for none
 */
public record RegistryServerConfig(String host, int port, int threads, Optional<String> basicAuthUserInfo) {

    /** Loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Confluent Schema Registry's port. */
    public static final int DEFAULT_PORT = 8081;
    /** A few concurrent requests; the registry serialises writes anyway. */
    public static final int DEFAULT_THREADS = 4;

    /** Loopback, port 8081, no authentication. */
    public static RegistryServerConfig defaults() {
        return new RegistryServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_THREADS, Optional.empty());
    }

    /** Loopback on a free port, for tests and single-machine runs. */
    public static RegistryServerConfig ephemeral() {
        return defaults().withPort(0);
    }

    /** The same settings on another port. */
    public RegistryServerConfig withPort(int newPort) {
        return new RegistryServerConfig(host, newPort, threads, basicAuthUserInfo);
    }

    /** The same settings, requiring basic auth with {@code userInfo} ({@code user:password}). */
    public RegistryServerConfig withBasicAuth(String userInfo) {
        return new RegistryServerConfig(host, port, threads, Optional.of(userInfo));
    }
}
