package dev.vigil.model.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams FFmpeg cannot open, over real sockets on loopback: the error says what happened (a server that never answers
 * is a "timeout", a closed port a refused connection) and never carries the URI's credentials, which JavaCV's own
 * message quotes.
 */
class VideoStreamFailureTest {

    private static final String SECRET = "S3cretPW";
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aServerThatNeverAnswersIsATimeoutAndTheCredentialsStayOut() throws Exception {
        try (SilentServer server = new SilentServer()) {
            String uri = "rtsp://admin:" + SECRET + "@127.0.0.1:" + server.port() + "/cam";
            assertThatThrownBy(() -> VideoReader.open(uri, "Camera 'gate'", IO_TIMEOUT))
                    .hasMessageStartingWith("Camera 'gate': cannot open: timeout")
                    .hasMessageNotContaining(SECRET)
                    .hasNoCause();
        }
    }

    @Test
    void aClosedPortIsARefusedConnectionAndTheCredentialsStayOut() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String uri = "rtsp://admin:" + SECRET + "@127.0.0.1:" + closedPort + "/cam";
        assertThatThrownBy(() -> VideoReader.open(uri, "Camera 'gate'", IO_TIMEOUT))
                .hasMessageContaining("Camera 'gate': cannot open: Connection refused")
                .hasMessageNotContaining("timeout")
                .hasMessageNotContaining(SECRET)
                .hasNoCause();
    }

    /** A TCP server on loopback that accepts connections and never sends a byte. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new ArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "silent-server");

        SilentServer() throws Exception {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = socket.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                }
            } catch (Exception closed) {
                // the test is over
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aServerStatusThatCameLateIsThatStatusNotATimeout() {
        // FFmpeg's AVERROR_HTTP_NOT_FOUND, as JavaCV reports it, after an open that took longer than the I/O timeout
        String notFound = "avformat_open_input() error -875574520: Could not open input \"rtsp://h/x\".";
        String message = VideoReader.openFailure(notFound, Duration.ofMillis(3_700), Duration.ofSeconds(2));
        assertThat(message).contains("404 Not Found").doesNotContain("timeout");
        String silent = "avformat_open_input() error -1094995529: Could not open input \"rtsp://h/x\".";
        assertThat(VideoReader.openFailure(silent, Duration.ofMillis(2_100), Duration.ofSeconds(2)))
                .as("a server that never answered is still a timeout")
                .startsWith("timeout: no answer within 2000 ms");
    }
}
