package dev.vigil.stream.demo;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectStats;
import dev.vigil.stream.detect.DetectTopology;
import dev.vigil.stream.detect.ModelDetectors;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.ingest.Backoff;
import dev.vigil.stream.ingest.CameraReader;
import dev.vigil.stream.ingest.CameraSpec;
import dev.vigil.stream.ingest.CameraStats;
import dev.vigil.stream.ingest.JpegEncoder;
import dev.vigil.stream.ingest.KafkaFrameSink;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The whole pipeline in one process: embedded broker and registry, the footage replayed as a live camera through
 * ingest, the detect application, and a subscriber that reports and draws what it receives.
 */
public final class Demo {

    public static final String DEFAULT_SOURCE = "data/samples/vtest.avi";
    private static final String CAMERA = "demo-cam";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

    private Demo() {}

    /** Runs the demo to the end of the footage (or Ctrl-C); returns the exit code. */
    public static int run(DemoSettings s, PrintStream console) throws Exception {
        if (!s.source().contains("://") && !Files.isReadable(Path.of(s.source()))) {
            throw new IllegalArgumentException("Footage " + s.source() + " not found: run scripts/fetch-sample-data.sh"
                    + " for the sample, or give --source");
        }
        ModelDetectors detectors =
                ModelDetectors.open(s.model(), DeviceChoice.valueOf(s.device().toUpperCase(Locale.ROOT)));
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread hook = new Thread(interrupted::countDown, "vigil-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            console.printf("Kafka %s, schema registry %s%n", infra.bootstrapServers(), infra.schemaRegistryUrl());
            TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    TopicSettings.defaults(),
                    Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
            DetectSettings detect = new DetectSettings(
                    "vigil-demo",
                    new DetectTopology.TopicNames(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ),
                    new BatchingSettings(
                            s.batchSize(),
                            BatchingSettings.DEFAULT_MAX_WAIT,
                            s.staleAfterMs() > 0 ? Duration.ofMillis(s.staleAfterMs()) : null),
                    1,
                    DetectSettings.EXACTLY_ONCE_V2,
                    infra.dataDir().resolve("streams"),
                    TopicSettings.DEFAULT_MAX_MESSAGE_BYTES,
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    serde);
            try (DetectApplication app = DetectApplication.start(detect, detectors);
                    KafkaFrameSink sink = new KafkaFrameSink(
                            Map.of("bootstrap.servers", infra.bootstrapServers()),
                            Topics.FRAMES,
                            AvroSerdes.specific(Frame.class, serde).serializer(),
                            TopicSettings.DEFAULT_MAX_MESSAGE_BYTES);
                    AnnotatedOutput output = new AnnotatedOutput(
                            s.out(), (int) Math.max(1, Math.round(s.fps())), (int) Math.round(s.fps() * 30), s.fps())) {
                RecentFrames recent = new RecentFrames(sink, 512);
                CameraSpec camera = new CameraSpec(
                        CAMERA,
                        s.source(),
                        s.fps(),
                        CameraSpec.ReplayMode.LIVE,
                        false,
                        CameraSpec.DEFAULT_STALL_TIMEOUT,
                        CameraSpec.DEFAULT_IO_TIMEOUT);
                CameraReader reader = new CameraReader(
                        camera,
                        new JpegEncoder(JpegEncoder.DEFAULT_QUALITY, 0, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES),
                        recent,
                        InetAddress.getLocalHost().getHostName(),
                        Backoff.defaults(),
                        s.maxFrames());
                DetectionFollower follower = new DetectionFollower(
                        infra.bootstrapServers(),
                        infra.schemaRegistryUrl(),
                        Topics.DETECTIONS,
                        recent,
                        output,
                        s.scoreThreshold());
                Thread cameraThread = new Thread(reader, "camera-" + CAMERA);
                Thread followerThread = new Thread(follower, "demo-follower");
                followerThread.start();
                cameraThread.start();
                StatusLine status = new StatusLine(reader.stats(), app.stats(), follower);
                boolean stopped = false;
                Instant drainDeadline = null;
                while (!stopped) {
                    stopped = interrupted.await(1, java.util.concurrent.TimeUnit.SECONDS);
                    console.println(status.next());
                    if (!cameraThread.isAlive()) {
                        sink.flush();
                        drainDeadline = drainDeadline == null ? Instant.now().plus(DRAIN_TIMEOUT) : drainDeadline;
                        boolean allAnswered =
                                follower.events.get() >= reader.stats().framesSent();
                        stopped |= allAnswered || Instant.now().isAfter(drainDeadline);
                    }
                }
                reader.stop();
                cameraThread.join();
                follower.stop();
                followerThread.join();
                console.println(summary(reader.stats(), app.stats(), follower, output));
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the JVM is already on its way out.
            }
        }
        return 0;
    }

    private static String summary(
            CameraStats camera, DetectStats detect, DetectionFollower follower, AnnotatedOutput output) {
        return String.format(
                Locale.ROOT,
                "Done: %d frames sent, %d events (%d run, %d skipped as stale, %d dead-lettered); "
                        + "detections %s; %d annotated frames and %s",
                camera.framesSent(),
                follower.events.get(),
                detect.framesDetected(),
                detect.framesSkippedStale(),
                detect.framesDeadLettered(),
                classes(follower.perClass()),
                output.pngsWritten(),
                output.videoPath());
    }

    static String classes(Map<String, Long> perClass) {
        return perClass.isEmpty()
                ? "none"
                : perClass.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
