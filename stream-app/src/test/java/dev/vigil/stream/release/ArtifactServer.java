package dev.vigil.stream.release;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's) on an ephemeral loopback port that serves the plain files of one folder under
 * {@code /artifacts/NAME/}, as a user would serve an artifact folder; counts the requests.
 */
final class ArtifactServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    ArtifactServer(Path folder, String name) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/artifacts/" + name + "/", exchange -> {
            requests.incrementAndGet();
            String file = exchange.getRequestURI().getPath().substring(("/artifacts/" + name + "/").length());
            Path path = folder.resolve(file);
            if (file.isEmpty() || file.contains("/") || !Files.isRegularFile(path)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(path);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/artifacts/" + name;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
