package dev.vigil.stream.metrics;

import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The {@code --metrics-port} / {@code --metrics-host} options of a long-running command, and the server they start. */
public final class MetricsServerOptions {

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://HOST:PORT/metrics. Default: off.")
    Integer port;

    @Option(
            names = "--metrics-host",
            defaultValue = "0.0.0.0",
            description = "Address the metrics server listens on. Default: ${DEFAULT-VALUE}.")
    String host;

    /**
     * Serves {@code metrics} when a port was given and says where on {@code err}; otherwise does nothing.
     *
     * @param command names the command in the message, e.g. "vigil ingest"
     * @return what stops the server
     */
    public AutoCloseable start(String command, Supplier<String> metrics, PrintWriter err) {
        if (port == null) {
            return () -> {};
        }
        MetricsHttpServer server = MetricsHttpServer.start(host, port, metrics);
        err.printf("%s: metrics on http://%s:%d%s%n", command, host, server.port(), MetricsHttpServer.PATH);
        err.flush();
        return server;
    }
}
