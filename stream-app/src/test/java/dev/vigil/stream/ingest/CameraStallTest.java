package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.schemas.Frame;
import dev.vigil.stream.retry.Backoff;
import dev.vigil.stream.testing.TestVideos;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, defect 8: the stall watchdog is not fooled by a trickle. A live camera over HTTP (a real MPEG-TS stream
 * decoded by FFmpeg) sends its first seconds at once, then one frame's worth of bytes every {@value #TRICKLE_MS} ms, a
 * tenth of real time: no gap between two frames comes near the stall timeout, yet the stream falls further behind
 * real time every second. The reader must call that a stall and open the camera again.
 */
class CameraStallTest {

    static final int FPS = 25;
    static final int FRAMES = 40 * FPS;
    static final long TRICKLE_MS = 400;
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void aStreamThatOnlyTricklesIsAStall() throws Exception {
        byte[] video = Files.readAllBytes(TestVideos.mpegTs(dir.resolve("cam.ts"), FRAMES, FPS, 160, 120));
        int bytesPerFrame = video.length / FRAMES;
        int burst = video.length / 5; // 8 s of video at once: enough for FFmpeg to probe the stream
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cam.ts", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(video, 0, burst);
                out.flush();
                for (int at = burst; at < video.length; at += bytesPerFrame) {
                    Thread.sleep(TRICKLE_MS);
                    out.write(video, at, Math.min(bytesPerFrame, video.length - at));
                    out.flush();
                }
            } catch (Exception clientGone) {
                // the reader closed the stream
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        try {
            CameraSpec camera = new CameraSpec(
                    "trickle",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/cam.ts",
                    0,
                    CameraSpec.ReplayMode.REALTIME,
                    false,
                    STALL_TIMEOUT,
                    Duration.ofSeconds(5));
            List<Frame> frames = new CopyOnWriteArrayList<>();
            List<Long> arrivalNanos = new CopyOnWriteArrayList<>();
            CameraReader reader = new CameraReader(
                    camera,
                    new JpegEncoder(80, 0, 1 << 20),
                    (frame, onDone) -> {
                        frames.add(frame);
                        arrivalNanos.add(System.nanoTime());
                        onDone.accept(null);
                    },
                    "test-host",
                    Backoff.defaults(),
                    0);
            Thread thread = new Thread(reader, "camera-trickle");
            thread.start();
            Instant deadline = Instant.now().plusSeconds(30);
            while (reader.stats().reconnects() == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            reader.stop();
            thread.join(30_000);
            // the burst's frames come back to back; a frame that came after a wait of about TRICKLE_MS came
            // through the trickle (how many frames the burst holds depends on the encoder's frame sizes)
            long trickled = 0;
            for (int i = 1; i < arrivalNanos.size(); i++) {
                long gapMs = (arrivalNanos.get(i) - arrivalNanos.get(i - 1)) / 1_000_000;
                if (gapMs >= TRICKLE_MS / 2 && gapMs < STALL_TIMEOUT.toMillis()) {
                    trickled++;
                }
            }
            assertThat(trickled)
                    .as("frames came through the trickle, each well inside the stall timeout")
                    .isGreaterThanOrEqualTo(3);
            assertThat(reader.stats().reconnects())
                    .as("the trickle was seen as a stall and the camera opened again")
                    .isPositive();
        } finally {
            server.stop(0);
        }
    }
}
