package dev.vigil.stream.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;

/**
 * The one HTTP server of a Vigil process (Javalin on Jetty): Prometheus metrics on {@value #METRICS}, liveness on
 * {@value #LIVE}, readiness on {@value #READY}, and whatever {@link WebRoutes} the command adds (pages, APIs).
 * Health answers 200 when up and 503 when down, with a JSON body naming each check.
 */
public final class WebServer implements AutoCloseable {

    public static final String METRICS = "/metrics";
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";

    /** Prometheus' text exposition format, which {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final String host;

    private WebServer(Javalin app, String host) {
        this.app = app;
        this.host = host;
    }

    /**
     * Starts serving.
     *
     * @param port  0 for any free port
     * @param pages further endpoints of this process
     * @throws IllegalStateException naming the address when it cannot be bound
     */
    public static WebServer start(
            String host, int port, PrometheusMeterRegistry metrics, HealthChecks health, List<WebRoutes> pages) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.routes.get(METRICS, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
            config.routes.get(LIVE, ctx -> respond(ctx, health.live()));
            config.routes.get(READY, ctx -> respond(ctx, health.ready()));
            pages.forEach(page -> page.addTo(config.routes));
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            app.stop();
            throw new IllegalStateException("Cannot serve HTTP on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        return new WebServer(app, host);
    }

    private static void respond(Context ctx, HealthChecks.Report report) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", report.up() ? "UP" : "DOWN");
        ObjectNode checks = body.putObject("checks");
        for (Map.Entry<String, HealthStatus> check : report.checks().entrySet()) {
            checks.putObject(check.getKey())
                    .put("status", check.getValue().up() ? "UP" : "DOWN")
                    .put("detail", check.getValue().detail());
        }
        ctx.status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType("application/json")
                .result(body.toString());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    public int port() {
        return app.port();
    }

    /** The server's base address, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
