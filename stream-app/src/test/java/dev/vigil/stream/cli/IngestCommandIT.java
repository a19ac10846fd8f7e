package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.AvroRecords;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.TestVideos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil ingest} run as a user runs it, against a real in-process broker and registry. */
class IngestCommandIT {

    static final int FRAMES = 30;
    static final double FPS = 25;

    @TempDir
    static Path dir;

    static Path video;
    static LocalInfrastructure infra;

    @BeforeAll
    static void start() throws Exception {
        video = TestVideos.mp4(dir.resolve("clip.mp4"), FRAMES, FPS, 160, 120);
        infra = LocalInfrastructure.startEphemeral();
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    private static List<ConsumerRecord<String, Frame>> readFrames(String topic, int count, Duration timeout) {
        return AvroRecords.read(
                infra.bootstrapServers(), infra.schemaRegistryUrl(), topic, Frame.class, count, timeout);
    }

    /**
     * Every frame once, in order per camera, keyed by camera, its capture time in the payload and the time it was
     * ingested as the record's timestamp.
     */
    private static void assertEveryFrameOnceInOrder(
            List<ConsumerRecord<String, Frame>> records, List<String> cameras, long ingestStartMillis) {
        Map<String, List<ConsumerRecord<String, Frame>>> byCamera =
                records.stream().collect(Collectors.groupingBy(ConsumerRecord::key));
        assertThat(byCamera.keySet()).containsExactlyInAnyOrderElementsOf(cameras);
        for (String camera : cameras) {
            List<ConsumerRecord<String, Frame>> own = byCamera.get(camera);
            assertThat(own)
                    .extracting(r -> r.value().getFrameSequence())
                    .containsExactlyElementsOf(
                            LongStream.range(0, FRAMES).boxed().toList());
            assertThat(own).allSatisfy(r -> {
                assertThat(r.value().getCameraId()).isEqualTo(camera);
                assertThat(r.timestamp()).isBetween(ingestStartMillis, System.currentTimeMillis());
            });
            assertThat(own.get(FRAMES - 1).value().getCaptureTime().toEpochMilli()
                            - own.get(0).value().getCaptureTime().toEpochMilli())
                    .isEqualTo(Math.round((FRAMES - 1) * 1000 / FPS));
        }
    }

    @Test
    void framesOfTwoFileCamerasArriveOnceEachInOrderWithCaptureTimes() throws Exception {
        Path camerasFile = Files.writeString(dir.resolve("cameras.txt"), "# test cameras\n\nyard=" + video + "\n");
        Path config = Files.writeString(dir.resolve("vigil.properties"), "frames.topic=ingest-ok\njpeg-quality=80\n");
        long ingestStart = System.currentTimeMillis();
        CliRun run = CliRun.of(
                "ingest",
                "--config",
                config.toString(),
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--camera",
                "gate=" + video,
                "--cameras-file",
                camerasFile.toString(),
                "--replay",
                "fast",
                "--partitions",
                "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<ConsumerRecord<String, Frame>> records = readFrames("ingest-ok", 2 * FRAMES, Duration.ofSeconds(30));
        assertThat(records).hasSize(2 * FRAMES);
        assertEveryFrameOnceInOrder(records, List.of("gate", "yard"), ingestStart);
        assertThat(run.err()).contains("camera 'gate': " + FRAMES + " frames in, " + FRAMES + " sent, 0 dropped");
        assertThat(readFrames("ingest-ok", 2 * FRAMES + 1, Duration.ofSeconds(2)))
                .as("nothing more arrives")
                .hasSize(2 * FRAMES);
    }

    @Test
    void deadCamerasAreReportedAndTheGoodOneDeliversEveryFrame() {
        long ingestStart = System.currentTimeMillis();
        CliRun run = CliRun.of(
                "ingest",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--frames-topic",
                "ingest-dead",
                "--camera",
                "good=" + video,
                "--camera",
                "missing=" + dir.resolve("no-such-file.mp4"),
                "--camera",
                "offline=rtsp://127.0.0.1:1/stream",
                "--replay",
                "fast",
                "--reconnect-limit",
                "1",
                "--io-timeout",
                "1s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("camera 'missing'").contains("FAILED").contains("no-such-file.mp4");
        assertThat(run.err()).containsPattern("camera 'offline'.*FAILED.*rtsp://127\\.0\\.0\\.1:1/stream");
        assertThat(run.err()).doesNotContainPattern("camera 'good'.*FAILED");
        assertEveryFrameOnceInOrder(
                readFrames("ingest-dead", FRAMES, Duration.ofSeconds(30)), List.of("good"), ingestStart);
    }

    /** As a user runs it: its own JVM, stopped with SIGTERM; every frame it counted as sent is on the topic. */
    @Test
    void sigtermStopsALoopingCameraCleanlyWithEverySentFrameStored() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderrFile = dir.resolve("ingest-sigterm.err");
        Process p = new ProcessBuilder(
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
                        "ingest-sigterm",
                        "--camera",
                        "lobby=" + video,
                        "--loop",
                        "--replay",
                        "realtime")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderrFile.toFile())
                .start();
        try {
            // a poll may bring more than the 10 asked for: the camera keeps looping
            assertThat(readFrames("ingest-sigterm", 10, Duration.ofSeconds(30)))
                    .as("frames flow")
                    .hasSizeGreaterThanOrEqualTo(10);
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS))
                    .as("ingest stops on SIGTERM")
                    .isTrue();
        } finally {
            p.destroyForcibly();
        }
        String stderr = Files.readString(stderrFile);
        Matcher sent = Pattern.compile("camera 'lobby': \\d+ frames in, (\\d+) sent, 0 dropped")
                .matcher(stderr);
        assertThat(sent.find()).as(stderr).isTrue();
        int sentCount = Integer.parseInt(sent.group(1));
        List<ConsumerRecord<String, Frame>> stored = readFrames("ingest-sigterm", sentCount + 1, Duration.ofSeconds(5));
        assertThat(stored)
                .extracting(r -> r.value().getFrameSequence())
                .containsExactlyElementsOf(
                        LongStream.range(0, sentCount).boxed().toList());
    }

    @Test
    void anUnreachableBrokerIsNamedAndTheCommandFails() {
        long start = System.nanoTime();
        CliRun run = CliRun.of(
                "ingest",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--camera",
                "gate=" + video,
                "--connect-attempts",
                "2",
                "--connect-timeout",
                "1s");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Kafka at 127.0.0.1:1").contains("unreachable after 2 attempt(s)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void anUnreachableRegistryIsNamedAndTheCommandFails() {
        CliRun run = CliRun.of(
                "ingest",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                "http://127.0.0.1:1",
                "--camera",
                "gate=" + video,
                "--connect-attempts",
                "2",
                "--connect-timeout",
                "1s");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Schema registry at http://127.0.0.1:1").contains("unreachable");
    }

    /**
     * Issue 11, defect 6: frames the broker refuses are lost, and the run says so and fails. The topic refuses any
     * record stamped before its arrival ({@code message.timestamp.before.max.ms=0}); a linger of 100 ms makes every
     * batch's first frame that old, and Kafka refuses a batch whole.
     */
    @Test
    void framesTheBrokerRefusesFailTheRunWhichSaysHowManyAndWhy() throws Exception {
        String topic = "ingest-refused";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                            .configs(Map.of("message.timestamp.before.max.ms", "0", "max.message.bytes", "8388608"))))
                    .all()
                    .get();
        }
        CliRun run = CliRun.of(
                "ingest",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--frames-topic",
                topic,
                "--camera",
                "gate=" + video,
                "--replay",
                "realtime",
                "--kafka-property",
                "linger.ms=100,batch.size=1048576");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err())
                .contains("camera 'gate': " + FRAMES + " frames in, 0 sent, " + FRAMES + " dropped")
                .containsIgnoringCase("timestamp")
                .contains(FRAMES + " frame(s) lost");
    }

    @Test
    void aMalformedCamerasFileIsNamedWithItsLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad-cameras.txt"), "ok=" + video + "\njust-a-name\n");
        CliRun run = CliRun.of("ingest", "--cameras-file", bad.toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains(bad.toString()).contains("line 2").contains("just-a-name");
    }
}
