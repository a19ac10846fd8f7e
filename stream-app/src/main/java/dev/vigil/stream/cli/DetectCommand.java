package dev.vigil.stream.cli;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectTopology;
import dev.vigil.stream.detect.ModelDetectors;
import dev.vigil.stream.kafka.TopicOptions;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.live.LiveView;
import dev.vigil.stream.live.LiveViewSettings;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.WebOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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
                + "detections topic (exactly once by default), until stopped. With --web-port it serves the live view "
                + "in the browser (/), /metrics, /health/live (stream threads not failed) and /health/ready (model loaded, stream "
                + "threads running).")
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
    WebOptions web;

    @Option(
            names = "--zones",
            paramLabel = "FILE",
            description = "Zones and lines per camera (YAML, see docs): drawn in the live view.")
    Path zones;

    @Option(
            names = "--cameras-topic",
            defaultValue = Topics.CAMERAS,
            description = "Where ingest publishes each camera's status (shown in the live view). Default: "
                    + "${DEFAULT-VALUE}.")
    String camerasTopic;

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

    private HealthChecks health;

    @Override
    public Integer call() throws Exception {
        ModelDetectors detectors = ModelDetectors.open(model, device);
        topicOptions.ensure(
                kafka, Set.of(topicOptions.framesTopic, topicOptions.detectionsTopic, topicOptions.deadLetterTopic));
        PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
        health = new HealthChecks();
        SceneConfig scene = zones == null ? null : SceneConfig.read(zones);
        try (GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-detect");
                AutoCloseable live = startLiveView(metrics, scene);
                DetectApplication app = DetectApplication.start(settings(), detectors, metrics, health)) {
            spec.commandLine()
                    .getErr()
                    .printf(
                            "vigil detect: %s -> %s with model %s (%s)%n",
                            topicOptions.framesTopic,
                            topicOptions.detectionsTopic,
                            detectors.modelName(),
                            detectors.modelVersion());
            spec.commandLine().getErr().flush();
            shutdown.awaitSignal();
        }
        return 0;
    }

    /** With a web port: the live view, metrics and health on it; without, nothing. */
    private AutoCloseable startLiveView(PrometheusMeterRegistry metrics, SceneConfig scene) {
        if (web.port() == null) {
            return () -> {};
        }
        LiveView view = LiveView.start(
                new LiveViewSettings(
                        kafka.clientConfig(),
                        kafka.serdeConfig(),
                        topicOptions.framesTopic,
                        topicOptions.detectionsTopic,
                        camerasTopic,
                        LiveViewSettings.DEFAULT_MIN_SCORE,
                        scene,
                        topicOptions.maxMessageBytes()),
                metrics);
        AutoCloseable server;
        try {
            server = web.start(
                    "vigil detect", metrics, health, spec.commandLine().getErr(), List.of(view.routes()));
        } catch (RuntimeException e) {
            view.close();
            throw e;
        }
        return () -> {
            server.close();
            view.close();
        };
    }

    DetectSettings settings() {
        Duration stale = staleAfterMs > 0 ? Duration.ofMillis(staleAfterMs) : null;
        return new DetectSettings(
                applicationId,
                new DetectTopology.TopicNames(
                        topicOptions.framesTopic, topicOptions.detectionsTopic, topicOptions.deadLetterTopic),
                new BatchingSettings(batchSize, Duration.ofMillis(batchWaitMs), stale),
                threads,
                processingGuarantee,
                stateDir,
                topicOptions.maxMessageBytes(),
                kafka.clientConfig(),
                kafka.serdeConfig());
    }
}
