package dev.vigil.stream.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP camera on loopback: GStreamer's RTSP server (stream-app/src/test/python/rtsp_test_camera.py, run by
 * Debian's python3) streaming a live H.264 test picture until killed.
 */
public final class RtspTestCamera implements AutoCloseable {

    public static final String DEBIAN_PACKAGES = "python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base "
            + "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly";
    private static final Path SCRIPT = Path.of(System.getProperty("vigil.repo.root", ".."))
            .resolve("stream-app/src/test/python/rtsp_test_camera.py")
            .toAbsolutePath();
    private static final long READY_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final String url;

    private RtspTestCamera(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @throws IllegalStateException naming the Debian packages when the server does not come up
     */
    public static RtspTestCamera start(int port, String mount) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", SCRIPT.toString(), String.valueOf(port), mount)
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        return line.substring("READY ".length());
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("The RTSP test server ended before listening (needs Debian's "
                    + DEBIAN_PACKAGES + "; run scripts/install-test-deps.sh):\n" + seen);
        });
        try {
            String url = ready.get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            CompletableFuture.runAsync(() -> out.lines().forEach(line -> {}));
            return new RtspTestCamera(p, url);
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** A free TCP port on loopback (free when asked; a test uses it at once). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public String url() {
        return url;
    }

    /** Kills the server as a crash would: the stream breaks mid-way. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
