package dev.vigil.stream.demo;

import dev.vigil.schemas.ObjectEventType;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectStats;
import dev.vigil.stream.detect.ModelDetectors;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.ingest.CameraSpec;
import dev.vigil.stream.ingest.CameraStats;
import dev.vigil.stream.ingest.IngestApplication;
import dev.vigil.stream.ingest.IngestSettings;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.live.LiveView;
import dev.vigil.stream.live.LiveViewSettings;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.tracking.TrackingSettings;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.WebRoutes;
import dev.vigil.stream.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The whole pipeline in one process: embedded broker and registry, the footage replayed as a live camera through
 * the ingest application, the detect application, and a subscriber that reports and draws what it receives. One web
 * server serves the live view and both applications' metrics and health.
 */
public final class Demo {

    private static final String CAMERA = "demo-cam";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);
    private static final int REMEMBERED_FRAMES = 512;

    private final DemoSettings s;
    private final PrintStream console;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    public Demo(DemoSettings settings, PrintStream console) {
        this.s = settings;
        this.console = console;
    }

    /** Ends the demo early (Ctrl-C): {@link #run()} stops the camera, prints its summary and returns. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Runs the demo to the end of the footage or {@link #stop()}; returns the exit code. */
    public int run() throws Exception {
        if (!s.source().contains("://") && !Files.isReadable(Path.of(s.source()))) {
            throw new IllegalArgumentException("Footage " + s.source() + " not found: run scripts/fetch-sample-data.sh"
                    + " for the sample, or give --source");
        }
        ModelDetectors detectors = ModelDetectors.open(s.model(), s.device());
        PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
        HealthChecks health = new HealthChecks();
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            console.printf("Kafka %s, schema registry %s%n", infra.bootstrapServers(), infra.schemaRegistryUrl());
            Map<String, Object> client = Map.of("bootstrap.servers", infra.bootstrapServers());
            Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
            TopicProvisioner.ensure(
                    client,
                    TopicSettings.defaults(),
                    Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ, Topics.OBJECTS, Topics.COUNTS));
            try (LiveView live = LiveView.start(
                            LiveViewSettings.defaults(client, serde, TopicSettings.DEFAULT_MAX_MESSAGE_BYTES)
                                    .withMinScore(s.scoreThreshold())
                                    .withScene(s.scene()),
                            metrics);
                    AutoCloseable web = startWeb(metrics, health, live)) {
                runPipeline(infra, client, serde, detectors, metrics, health);
            }
        }
        return 0;
    }

    private void runPipeline(
            LocalInfrastructure infra,
            Map<String, Object> client,
            Map<String, Object> serde,
            ModelDetectors detectors,
            PrometheusMeterRegistry metrics,
            HealthChecks health)
            throws Exception {
        DetectSettings detect = DetectSettings.builder(
                        "vigil-demo", infra.dataDir().resolve("streams"), client, serde)
                .batching(new BatchingSettings(
                        s.batchSize(),
                        BatchingSettings.DEFAULT_MAX_WAIT,
                        s.staleAfterMs() > 0 ? Duration.ofMillis(s.staleAfterMs()) : null))
                .tracking(
                        s.scene() == null
                                ? TrackingSettings.defaults()
                                : TrackingSettings.defaults().withScene(s.scene()))
                .motion(s.motion())
                .build();
        CameraSpec camera = new CameraSpec(
                CAMERA,
                s.source(),
                s.fps(),
                CameraSpec.ReplayMode.LIVE,
                false,
                CameraSpec.DEFAULT_STALL_TIMEOUT,
                CameraSpec.DEFAULT_IO_TIMEOUT);
        IngestSettings ingestSettings =
                IngestSettings.defaults(List.of(camera), client, serde).withMaxFramesPerCamera(s.maxFrames());
        RecentFrames recent = new RecentFrames(REMEMBERED_FRAMES);
        try (DetectApplication app = DetectApplication.start(detect, detectors, metrics, health);
                AnnotatedOutput output = new AnnotatedOutput(
                        s.out(), (int) Math.max(1, Math.round(s.fps())), (int) Math.round(s.fps() * 30), s.fps());
                IngestApplication ingest =
                        IngestApplication.start(ingestSettings, metrics, health, recent::inFrontOf)) {
            DetectionFollower follower = new DetectionFollower(
                    infra.bootstrapServers(),
                    infra.schemaRegistryUrl(),
                    Topics.DETECTIONS,
                    recent,
                    output,
                    s.scoreThreshold());
            Thread followerThread = new Thread(follower, "demo-follower");
            followerThread.start();
            CameraStats cameraStats = ingest.readers().get(0).stats();
            StatusLine status = new StatusLine(cameraStats, app.stats(), follower);
            boolean stopped = false;
            Instant drainDeadline = null;
            while (!stopped) {
                stopped = stopRequested.await(1, TimeUnit.SECONDS);
                console.println(status.next());
                if (!ingest.running()) {
                    ingest.flush();
                    drainDeadline = drainDeadline == null ? Instant.now().plus(DRAIN_TIMEOUT) : drainDeadline;
                    boolean allAnswered = follower.events.get() >= cameraStats.framesSent();
                    stopped |= allAnswered || Instant.now().isAfter(drainDeadline);
                }
            }
            ingest.stop();
            ingest.awaitCameras();
            follower.stop();
            followerThread.join();
            console.println(summary(cameraStats, app.stats(), follower, output));
        }
    }

    /** The web server on the port asked for; without one, on {@link DemoSettings#DEFAULT_WEB_PORT} if free. */
    private AutoCloseable startWeb(PrometheusMeterRegistry metrics, HealthChecks health, LiveView live) {
        List<WebRoutes> pages = List.of(live.routes());
        WebServer server;
        if (s.webPort() != null) {
            server = WebServer.start(s.webHost(), s.webPort(), metrics, health, pages);
        } else {
            try {
                server = WebServer.start(s.webHost(), DemoSettings.DEFAULT_WEB_PORT, metrics, health, pages);
            } catch (IllegalStateException taken) {
                server = WebServer.start(s.webHost(), 0, metrics, health, pages);
            }
        }
        console.printf(
                "Live view %s/ (and %s, %s, %s)%n", server.url(), WebServer.METRICS, WebServer.LIVE, WebServer.READY);
        return server;
    }

    private static String summary(
            CameraStats camera, DetectStats detect, DetectionFollower follower, AnnotatedOutput output) {
        return String.format(
                Locale.ROOT,
                "Done: %d frames sent, %d events (%d run, %d reused with no motion, %d skipped as stale, "
                        + "%d dead-lettered); "
                        + "detections %s; %d objects tracked; %d annotated frames and %s",
                camera.framesSent(),
                follower.events.get(),
                detect.framesDetected(),
                detect.framesReused(),
                detect.framesSkippedStale(),
                detect.framesDeadLettered(),
                classes(follower.perClass()),
                detect.tracking().objectEvents(ObjectEventType.NEW),
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
