package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.registry.server.store.KafkaSchemaStore;
import dev.vigil.schemas.registry.server.store.KafkaSchemaStoreConfig;
import dev.vigil.schemas.registry.server.store.SchemaStore;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry in this JVM that speaks the Confluent Schema Registry REST API (the subset Vigil and Confluent's
 * serializers use), on Jetty through Javalin, with its schemas in a {@link SchemaStore} — a compacted Kafka topic in
 * production, so ids survive restarts.
 *
 * <p>It usually shares its JVM with the broker, so what a client can make it hold is bounded ({@link
 * RegistryLimits}): bodies over the limit are answered 413 without being read, requests over the concurrency limit
 * wait a little and are then answered 503, and Jetty's request header limit (8 KiB) and idle timeout (30 s) apply.
 * Optional: HTTP basic authentication and HTTPS ({@link RegistryServerConfig}).
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    /** Jetty's own threads (acceptor, selector, reserved) beside the request handlers. */
    private static final int JETTY_OWN_THREADS = 6;

    private final Javalin app;
    private final SchemaStore store;
    private final String url;

    private EmbeddedSchemaRegistry(Javalin app, SchemaStore store, String url) {
        this.app = app;
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
     * @throws IllegalArgumentException when a key store or trust store cannot be read
     */
    public static EmbeddedSchemaRegistry start(RegistryServerConfig config, SchemaStore store) {
        Javalin app;
        try {
            RegistryRoutes routes = new RegistryRoutes(new RegistryService(store), config.limits());
            app = Javalin.create(javalin -> configure(javalin, config, routes));
            app.start();
        } catch (RuntimeException e) {
            store.close();
            throw startFailure(config, e);
        }
        String url = config.scheme() + "://" + config.host() + ":" + app.port();
        LOG.info(
                "Schema registry listening on {}{}; request bodies up to {} bytes, {} requests at a time",
                url,
                config.basicAuth().isPresent() ? " (basic auth required)" : "",
                config.limits().maxRequestBytes(),
                config.limits().maxConcurrentRequests());
        return new EmbeddedSchemaRegistry(app, store, url);
    }

    /** Base URL clients use, with the bound port: {@code http://127.0.0.1:PORT} or {@code https://...}. */
    public String url() {
        return url;
    }

    /** Stops serving, then closes the store. */
    @Override
    public void close() {
        app.stop();
        store.close();
        LOG.info("Schema registry on {} stopped", url);
    }

    private static void configure(JavalinConfig javalin, RegistryServerConfig config, RegistryRoutes routes) {
        RegistryLimits limits = config.limits();
        javalin.startup.showJavalinBanner = false;
        javalin.startup.startupWatcherEnabled = false;
        javalin.startup.showOldJavalinVersionWarning = false;
        javalin.http.maxRequestSize = limits.maxRequestBytes();
        javalin.http.prefer405over404 = true;
        javalin.jetty.threadPool = threadPool(limits);
        javalin.jetty.modifyServer(server -> {
            server.insertHandler(new RequestAdmission(limits));
            server.setErrorHandler(new JsonErrors());
        });
        javalin.jetty.addConnector((server, http) -> connector(server, http, config));
        config.basicAuth().ifPresent(credentials -> javalin.routes.before(new BasicAuthCheck(credentials)));
        routes.addTo(javalin.routes);
    }

    private static QueuedThreadPool threadPool(RegistryLimits limits) {
        QueuedThreadPool pool = new QueuedThreadPool(limits.maxConcurrentRequests() + JETTY_OWN_THREADS, 2);
        pool.setName("schema-registry");
        pool.setDaemon(true);
        return pool;
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, RegistryServerConfig config) {
        ServerConnector connector = config.tls()
                .map(tls -> {
                    HttpConfiguration https = new HttpConfiguration(http);
                    SecureRequestCustomizer secure = new SecureRequestCustomizer();
                    // One certificate serves every name: no check of the SNI name against it.
                    secure.setSniHostCheck(false);
                    https.addCustomizer(secure);
                    return new ServerConnector(
                            server,
                            new SslConnectionFactory(sslContext(tls), HttpVersion.HTTP_1_1.asString()),
                            new HttpConnectionFactory(https));
                })
                .orElseGet(() -> new ServerConnector(server, new HttpConnectionFactory(http)));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    private static SslContextFactory.Server sslContext(RegistryTls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore().load("the registry's key store"));
        ssl.setKeyStorePassword(tls.keyStore().password().value());
        tls.keyPassword().ifPresent(password -> ssl.setKeyManagerPassword(password.value()));
        tls.trustStore().ifPresent(trust -> ssl.setTrustStore(trust.load("the registry's trust store")));
        ssl.setNeedClientAuth(tls.clientAuthentication() == RegistryTls.ClientAuthentication.REQUIRED);
        ssl.setWantClientAuth(tls.clientAuthentication() == RegistryTls.ClientAuthentication.REQUESTED);
        return ssl;
    }

    private static RuntimeException startFailure(RegistryServerConfig config, RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
            return e;
        }
        String where = config.host() + ":" + config.port();
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof java.io.IOException io) {
            return new UncheckedIOException("Cannot bind the schema registry to " + where + ": " + io.getMessage(), io);
        }
        return new IllegalStateException("Cannot start the schema registry on " + where + ": " + cause, e);
    }
}
