package dev.vigil.schemas.registry.server;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.schemas.registry.server.store.KafkaSchemaStore;
import dev.vigil.schemas.registry.server.store.KafkaSchemaStoreConfig;
import dev.vigil.schemas.registry.server.store.SchemaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry in this JVM that speaks the Confluent Schema Registry REST API (the subset
 * Vigil and Confluent's serializers use), on the JDK's HTTP server, with its schemas in a {@link
 * SchemaStore} — a compacted Kafka topic in production, so ids survive restarts.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final String REALM = "schema-registry";

    private final HttpServer server;
    private final ExecutorService executor;
    private final SchemaStore store;
    private final String url;

    private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, SchemaStore store, String url) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.url = url;
    }

    /** Starts a registry on the Kafka cluster of {@code storeConfig}, reading its schemas first. */
    public static EmbeddedSchemaRegistry start(RegistryServerConfig config, KafkaSchemaStoreConfig storeConfig) {
        return start(config, new KafkaSchemaStore(storeConfig));
    }

    /**
     * Starts a registry on {@code store}; the registry owns the store and closes it with itself.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static EmbeddedSchemaRegistry start(RegistryServerConfig config, SchemaStore store) {
        RegistryService registry;
        try {
            registry = new RegistryService(store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException(
                    "Cannot bind the schema registry to " + config.host() + ":" + config.port(), e);
        }
        HttpContext context = server.createContext("/", new RegistryHttpHandler(registry));
        config.basicAuthUserInfo().ifPresent(userInfo -> context.setAuthenticator(authenticator(userInfo)));
        ExecutorService executor = Executors.newFixedThreadPool(config.threads(), daemonThreads());
        server.setExecutor(executor);
        server.start();
        String url = "http://" + config.host() + ":" + server.getAddress().getPort();
        LOG.info("Schema registry listening on {}", url);
        return new EmbeddedSchemaRegistry(server, executor, store, url);
    }

    /** Base URL clients use, with the bound port: {@code http://127.0.0.1:PORT}. */
    public String url() {
        return url;
    }

    /** Stops serving, then closes the store. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        store.close();
        LOG.info("Schema registry on {} stopped", url);
    }

    private static BasicAuthenticator authenticator(String userInfo) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("Basic auth user info must be user:password");
        }
        String user = userInfo.substring(0, colon);
        String password = userInfo.substring(colon + 1);
        return new BasicAuthenticator(REALM) {
            @Override
            public boolean checkCredentials(String username, String pw) {
                return user.equals(username) && password.equals(pw);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
