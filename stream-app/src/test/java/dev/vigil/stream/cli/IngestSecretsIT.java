package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.RtspTestCamera;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, defects 7 and 11: {@code vigil ingest} in its own JVM, as a user runs it, with a password in each camera's
 * URI: a real RTSP camera that streams, a mount it does not have, and a server that accepts and never answers. Nothing
 * the process writes (its logs at DEBUG, FFmpeg's own lines, the report) carries the password; the silent server's
 * failure says "timeout".
 */
class IngestSecretsIT {

    static final String SECRET = "S3cretPW";

    @TempDir
    Path tmp;

    @Test
    void noPasswordInAnythingTheProcessWritesAndATimeoutIsCalledOne() throws Exception {
        int rtspPort = RtspTestCamera.freePort();
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral();
                RtspTestCamera camera = RtspTestCamera.start(rtspPort, "cam");
                ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String withPassword = "rtsp://admin:" + SECRET + "@127.0.0.1:";
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path output = tmp.resolve("ingest.out");
            ProcessBuilder builder = new ProcessBuilder(
                            java.toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            VigilCli.class.getName(),
                            "ingest",
                            "--bootstrap-servers",
                            infra.bootstrapServers(),
                            "--schema-registry-url",
                            infra.schemaRegistryUrl(),
                            "--frames-topic",
                            "secret-frames",
                            "--camera",
                            "good=" + withPassword + rtspPort + "/cam",
                            "--camera",
                            "wrong=" + withPassword + rtspPort + "/no-such-mount",
                            "--camera",
                            "silent=" + withPassword + silent.getLocalPort() + "/cam",
                            "--max-frames",
                            "5",
                            "--reconnect-limit",
                            "1",
                            "--io-timeout",
                            "2s")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("VIGIL_LOG_LEVEL", "DEBUG");
            Process p = builder.start();
            try {
                assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("ingest ends").isTrue();
            } finally {
                p.destroyForcibly();
            }
            String written = Files.readString(output);
            assertThat(p.exitValue()).as(written).isEqualTo(1);
            assertThat(written)
                    .as("everything the process wrote")
                    .doesNotContain(SECRET)
                    .containsPattern("camera 'good': \\d+ frames in, 5 sent")
                    .containsPattern(
                            "camera 'wrong': .*FAILED: .*rtsp://127\\.0\\.0\\.1:" + rtspPort + "/no-such-mount")
                    .containsPattern("camera 'wrong': .*FAILED: .*404 Not Found \\(FFmpeg error -\\d+\\)")
                    .doesNotContainPattern("camera 'wrong': .*FAILED: .*timeout")
                    .containsPattern("camera 'silent': .*FAILED: .*timeout");
        }
    }
}
