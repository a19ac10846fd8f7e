package dev.vigil.stream.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --web-port} / {@code --web-host} options of a long-running command (a picocli mixin). */
public final class WebOptions {

    /** Loopback: nothing listens beyond this machine unless the user says so. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    @Option(
            names = {"--web-port", "--metrics-port"},
            paramLabel = "PORT",
            description = "Serve /metrics (Prometheus), /health/live and /health/ready (and, for detect, the live view "
                    + "at /) on http://HOST:PORT; 0 = any free port. Default: off. (--metrics-port is the older name.)")
    Integer port;

    @Option(
            names = {"--web-host", "--metrics-host"},
            paramLabel = "HOST",
            defaultValue = DEFAULT_HOST,
            description = "Address the web server listens on; 0.0.0.0 opens it to the network (containers). "
                    + "Default: ${DEFAULT-VALUE}.")
    String host;

    public WebOptions() {}

    /** Options as if given on the command line: {@code port} null for off. */
    public WebOptions(Integer port, String host) {
        this.port = port;
        this.host = host;
    }

    /** The port given, or {@code null}: no server. */
    public Integer port() {
        return port;
    }

    public String host() {
        return host;
    }

    /**
     * Starts the server when a port was given and says where on {@code err}; otherwise serves nothing.
     *
     * @param command names the command in the message, e.g. "vigil ingest"
     * @return what stops the server
     */
    public AutoCloseable start(
            String command,
            PrometheusMeterRegistry metrics,
            HealthChecks health,
            PrintWriter err,
            List<WebRoutes> pages) {
        if (port == null) {
            return () -> {};
        }
        WebServer server = WebServer.start(host, port, metrics, health, pages);
        err.printf(
                "%s: web on %s (%s, %s, %s)%n",
                command, server.url(), WebServer.METRICS, WebServer.LIVE, WebServer.READY);
        err.flush();
        return server;
    }
}
