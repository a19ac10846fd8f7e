package dev.vigil.stream.cli;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectTopology;
import dev.vigil.stream.detect.ModelDetectors;
import dev.vigil.stream.kafka.TopicOptions;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.tracking.CountsApi;
import dev.vigil.stream.tracking.CountsQuery;
import dev.vigil.stream.tracking.SceneApi;
import dev.vigil.stream.tracking.TrackingOptions;
import dev.vigil.stream.tracking.TrackingSettings;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.WebOptions;
import dev.vigil.stream.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil detect}: the Kafka Streams application frames → Faster R-CNN → detections. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = "Runs the detector on the frames topic and publishes one Avro DetectionEvent per frame on the "
                + "detections topic (exactly once by default), until stopped. Unless --no-tracking, it tracks the "
                + "objects (track ids on the detections), publishes their NEW / UPDATE / END events on the objects "
                + "topic and, for cameras with zones or lines (--scene), their counts per window on the counts topic, "
                + "exactly once too. With --web-port it serves /metrics, /health/live (stream threads not failed), "
                + "/health/ready (model loaded, stream threads running), /api/counts (the current counts) and /api/scenes (the "
                + "cameras' zones, lines and masks).")
public final class DetectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    TopicOptions topicOptions;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            defaultValue = ModelDetectors.DEFAULT_MODEL_DIR,
            description = "Model artifact directory. Default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "${COMPLETION-CANDIDATES} (any case). Default: ${DEFAULT-VALUE}.")
    DeviceChoice device;

    @Option(
            names = "--batch-size",
            defaultValue = "" + BatchingSettings.DEFAULT_MAX_BATCH_SIZE,
            description = "Frames per detector call (B). Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--batch-wait-ms",
            defaultValue = "" + BatchingSettings.DEFAULT_MAX_WAIT_MS,
            description =
                    "Longest wait of the oldest buffered frame before a smaller batch runs (T). Default: ${DEFAULT-VALUE}.")
    long batchWaitMs;

    @Option(
            names = "--stale-after-ms",
            defaultValue = "0",
            description = "Frames older than this when their turn comes are reported SKIPPED_STALE instead of run "
                    + "(live cameras); 0 = off (replays). Default: ${DEFAULT-VALUE}.")
    long staleAfterMs;

    @Option(
            names = "--threads",
            defaultValue = "" + DetectSettings.DEFAULT_STREAM_THREADS,
            description = "Stream threads, each with its own detector. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Mixin
    TrackingOptions trackingOptions;

    @Mixin
    WebOptions web;

    @Option(
            names = "--application-id",
            defaultValue = DetectSettings.DEFAULT_APPLICATION_ID,
            description =
                    "Kafka Streams application id: instances with the same id share the work. Default: ${DEFAULT-VALUE}.")
    String applicationId;

    @Option(
            names = "--processing-guarantee",
            defaultValue = DetectSettings.EXACTLY_ONCE_V2,
            description = "exactly_once_v2 or at_least_once. Default: ${DEFAULT-VALUE}.")
    String processingGuarantee;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            defaultValue = "${java.io.tmpdir}/vigil-streams",
            description = "Kafka Streams state directory. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        TrackingSettings tracking = trackingOptions.settings();
        ModelDetectors detectors = ModelDetectors.open(model, device);
        Set<String> topics = new HashSet<>(
                Set.of(topicOptions.framesTopic, topicOptions.detectionsTopic, topicOptions.deadLetterTopic));
        if (tracking.enabled()) {
            topics.addAll(Set.of(tracking.objectsTopic(), tracking.countsTopic()));
        }
        topicOptions.ensure(kafka, topics);
        PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
        HealthChecks health = new HealthChecks();
        AtomicReference<CountsQuery> counts = new AtomicReference<>();
        try (GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-detect");
                AutoCloseable webServer = web.start(
                        "vigil detect",
                        metrics,
                        health,
                        spec.commandLine().getErr(),
                        List.of(new CountsApi(counts::get), new SceneApi(tracking.scene())));
                DetectApplication app = DetectApplication.start(
                        settings(advertised(webServer), tracking), detectors, metrics, health)) {
            counts.set(app.counts());
            spec.commandLine()
                    .getErr()
                    .printf(
                            "vigil detect: %s -> %s with model %s (%s)%s%n",
                            topicOptions.framesTopic,
                            topicOptions.detectionsTopic,
                            detectors.modelName(),
                            detectors.modelVersion(),
                            tracking.enabled()
                                    ? ", tracking -> " + tracking.objectsTopic() + ", " + tracking.countsTopic() + " ("
                                            + tracking.scene().cameras().size() + " cameras with a scene)"
                                    : ", tracking off");
            spec.commandLine().getErr().flush();
            shutdown.awaitSignal();
        }
        return 0;
    }

    DetectSettings settings() {
        return settings(null, trackingOptions.settings());
    }

    /**
     * @param applicationServer where other instances reach this one's web server ({@code HOST:PORT}, Kafka Streams'
     *     {@code application.server}, for interactive queries), or null
     */
    DetectSettings settings(String applicationServer, TrackingSettings tracking) {
        Duration stale = staleAfterMs > 0 ? Duration.ofMillis(staleAfterMs) : null;
        Map<String, Object> client = new HashMap<>(kafka.clientConfig());
        if (applicationServer != null) {
            client.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        return new DetectSettings(
                applicationId,
                new DetectTopology.TopicNames(
                        topicOptions.framesTopic, topicOptions.detectionsTopic, topicOptions.deadLetterTopic),
                new BatchingSettings(batchSize, Duration.ofMillis(batchWaitMs), stale),
                threads,
                processingGuarantee,
                stateDir,
                topicOptions.maxMessageBytes(),
                client,
                kafka.serdeConfig(),
                tracking);
    }

    /** The web server's address as other instances reach it, or null without a web server. */
    private String advertised(AutoCloseable webServer) throws UnknownHostException {
        if (!(webServer instanceof WebServer server)) {
            return null;
        }
        String host = web.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = InetAddress.getLocalHost().getCanonicalHostName();
        }
        return host + ":" + server.port();
    }
}
