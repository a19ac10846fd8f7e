package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.registry.BasicCredentials;
import java.util.Optional;

/**
 * Where and how the embedded registry listens.
 *
 * @param host interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port TCP port; 0 picks a free one (see {@link EmbeddedSchemaRegistry#url()})
 * @param basicAuth credentials every request must carry, or empty for none
 * @param tls HTTPS settings, or empty for plain HTTP
 * @param limits request size and concurrency bounds
 */
public record RegistryServerConfig(
        String host, int port, Optional<BasicCredentials> basicAuth, Optional<RegistryTls> tls, RegistryLimits limits) {

    /** Loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Confluent Schema Registry's port. */
    public static final int DEFAULT_PORT = 8081;

    public RegistryServerConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Schema registry port must be 0..65535, got " + port);
        }
    }

    /** Loopback, port 8081, plain HTTP, no authentication, default limits. */
    public static RegistryServerConfig defaults() {
        return new RegistryServerConfig(
                DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), Optional.empty(), RegistryLimits.defaults());
    }

    /** Loopback on a free port, for tests and single-machine runs. */
    public static RegistryServerConfig ephemeral() {
        return defaults().withPort(0);
    }

    public RegistryServerConfig withHost(String newHost) {
        return new RegistryServerConfig(newHost, port, basicAuth, tls, limits);
    }

    public RegistryServerConfig withPort(int newPort) {
        return new RegistryServerConfig(host, newPort, basicAuth, tls, limits);
    }

    /** The same settings, requiring basic auth with {@code userInfo} ({@code user:password}). */
    public RegistryServerConfig withBasicAuth(String userInfo) {
        return withBasicAuth(BasicCredentials.parse(userInfo, "The registry's basic-auth user info"));
    }

    public RegistryServerConfig withBasicAuth(BasicCredentials credentials) {
        return new RegistryServerConfig(host, port, Optional.of(credentials), tls, limits);
    }

    public RegistryServerConfig withTls(RegistryTls newTls) {
        return new RegistryServerConfig(host, port, basicAuth, Optional.of(newTls), limits);
    }

    public RegistryServerConfig withLimits(RegistryLimits newLimits) {
        return new RegistryServerConfig(host, port, basicAuth, tls, newLimits);
    }

    /** {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return tls.isPresent() ? "https" : "http";
    }
}
