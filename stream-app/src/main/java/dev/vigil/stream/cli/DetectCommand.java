package dev.vigil.stream.cli;

import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.config.DeviceOption;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectTopology;
import dev.vigil.stream.detect.DetectorFactory;
import dev.vigil.stream.detect.FollowedRelease;
import dev.vigil.stream.detect.ModelApi;
import dev.vigil.stream.detect.ModelDetectors;
import dev.vigil.stream.detect.ModelSwitcher;
import dev.vigil.stream.detect.motion.MotionOptions;
import dev.vigil.stream.kafka.ConnectOptions;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.kafka.TopicOptions;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.live.LiveView;
import dev.vigil.stream.live.LiveViewSettings;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.release.RegistrySettings;
import dev.vigil.stream.release.ReleaseFollower;
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
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vigil detect}: the Kafka Streams application frames → Faster R-CNN → detections. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = "Runs the detector on the frames topic and publishes one Avro DetectionEvent per frame on the "
                + "detections topic (exactly once by default), until stopped. The model is a fixed folder (--model) "
                + "or the release of a model in the registry (--model-name), which it follows: a new production "
                + "release is loaded, verified and switched to between two batches, without a restart; one that "
                + "cannot be used is refused and the running model goes on. --shadow runs a candidate beside "
                + "production on the same frames, writing to its own topics. At start it checks a --model folder, "
                + "then that Kafka and the schema registry answer (--connect-attempts, --connect-timeout), and exits "
                + "non-zero naming what failed. While it runs, a schema registry outage pauses processing until the "
                + "registry answers again (no frame is dead-lettered for it). Each instance needs a --state-dir of "
                + "its own. Unless --no-tracking, it tracks the objects (track ids on the detections), publishes their "
                + "NEW / UPDATE / END events on the objects topic and, for cameras with zones or lines (--scene), their "
                + "counts per window on the counts topic, exactly once too. With --web-port it serves /metrics, "
                + "/health/live (stream threads not failed), /health/ready (model loaded, stream threads working, "
                + "registry in use), /api/model (the model running, the last one refused and why), /api/counts (the "
                + "current counts) and /api/scenes (the cameras' zones, lines and masks). With --motion-gate, a frame in "
                + "which nothing moved since its camera's last run frame reuses that frame's detections "
                + "(REUSED_NO_MOTION) instead of running the detector.")
public final class DetectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    TopicOptions topicOptions;

    @Mixin
    ConnectOptions connect;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            defaultValue = ModelDetectors.DEFAULT_MODEL_DIR,
            description = "A fixed model: its artifact directory, read and verified once. Default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(
            names = "--model-name",
            paramLabel = "NAME",
            description = "Follow the release of model NAME in the registry (the production release, or see "
                    + "--follow) instead of a fixed --model.")
    String modelName;

    @Option(
            names = "--follow",
            description = "With --model-name: which release to follow, ${COMPLETION-CANDIDATES}. Default: production "
                    + "(candidate with --shadow).")
    ReleaseFollower.Follow follow;

    @Option(
            names = "--shadow",
            description = "Run beside production without touching its output: application id "
                    + DetectSettings.DEFAULT_APPLICATION_ID + "-shadow-NAME, events on detections.shadow.NAME, dead "
                    + "letters on frames.dlq.shadow.NAME (unless set otherwise), following the newest candidate.")
    boolean shadow;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    DeviceOption deviceOption;

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
            names = "--max-pixels",
            paramLabel = "N",
            defaultValue = "" + DetectSettings.DEFAULT_MAX_IMAGE_PIXELS,
            description = "Frames whose image has more pixels (as declared, or as its header says) go to the "
                    + "dead-letter topic undecoded. Default: ${DEFAULT-VALUE} (7680x4320).")
    long maxPixels;

    @Option(
            names = "--threads",
            defaultValue = "" + DetectSettings.DEFAULT_STREAM_THREADS,
            description = "Stream threads, each with its own detector. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Mixin
    TrackingOptions trackingOptions;

    @Mixin
    MotionOptions motionOptions;

    @Mixin
    WebOptions web;

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
            defaultValue = "${sys:user.home}/.local/state/vigil/streams",
            description = "Kafka Streams state directory (the batch buffer, the instance's group id and process id): "
                    + "kept across restarts, it makes a restart quick; outside the OS's temporary folder, which the OS "
                    + "may clear. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (modelName != null && spec.commandLine().getParseResult().hasMatchedOption("--model")) {
            throw new ParameterException(spec.commandLine(), "--model and --model-name exclude each other");
        }
        if (follow != null && modelName == null) {
            throw new ParameterException(spec.commandLine(), "--follow needs --model-name");
        }
        // a model folder is checked before Kafka (a broken artifact needs no broker to be refused); a release
        // comes from Kafka, so after it
        DetectorFactory startModel = modelName == null ? ModelDetectors.open(model, deviceOption.device()) : null;
        new StartupCheck(connect).awaitKafkaAndRegistry(kafka.clientConfig(), kafka.serdeConfig());
        RegistrySettings registry = registryOptions.settings(kafka, topicOptions.settings());
        ReleaseFollower.Follow followed =
                follow != null ? follow : shadow ? ReleaseFollower.Follow.CANDIDATE : ReleaseFollower.Follow.PRODUCTION;
        FollowedRelease.Initial initial = null;
        if (modelName != null) {
            initial = FollowedRelease.initial(registry, modelName, followed, deviceOption.device());
            startModel = initial.detectors();
        }
        String shadowOf = shadow ? startModel.model().name() : null;
        DetectSettings topics = settings(shadowOf);
        TrackingSettings tracking = topics.tracking();
        Set<String> created = new HashSet<>(Set.of(
                topics.topics().frames(),
                topics.topics().detections(),
                topics.topics().deadLetters()));
        if (tracking.enabled()) {
            created.addAll(Set.of(tracking.objectsTopic(), tracking.countsTopic()));
        }
        topicOptions.ensure(kafka, created);
        PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
        HealthChecks health = new HealthChecks();
        AtomicReference<ModelSwitcher> models = new AtomicReference<>();
        AtomicReference<CountsQuery> counts = new AtomicReference<>();
        try (GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-detect");
                LiveView live = startLiveView(metrics, tracking.scene(), topics);
                AutoCloseable webServer = web.start(
                        "vigil detect",
                        metrics,
                        health,
                        spec.commandLine().getErr(),
                        live == null
                                ? List.of(
                                        new ModelApi(models::get),
                                        new CountsApi(counts::get),
                                        new SceneApi(tracking.scene()))
                                : List.of(
                                        new ModelApi(models::get),
                                        new CountsApi(counts::get),
                                        new SceneApi(tracking.scene()),
                                        live.routes()));
                DetectApplication app = DetectApplication.start(
                        settings(advertised(webServer), shadowOf), startModel, metrics, health);
                FollowedRelease following = initial == null
                        ? null
                        : FollowedRelease.start(registry, modelName, followed, initial, app.models())) {
            models.set(app.models());
            counts.set(app.counts());
            spec.commandLine()
                    .getErr()
                    .printf(
                            "vigil detect: %s -> %s with model %s%s (application id %s)%s%s%n",
                            topics.topics().frames(),
                            topics.topics().detections(),
                            startModel.model(),
                            initial == null
                                    ? " from " + startModel.source()
                                    : ", following the " + followed.describe(modelName),
                            topics.applicationId(),
                            tracking.enabled()
                                    ? ", tracking -> " + tracking.objectsTopic() + ", " + tracking.countsTopic() + " ("
                                            + tracking.scene().cameras().size() + " cameras with a scene)"
                                    : ", tracking off",
                            topics.motion().enabled() ? ", motion gate on" : "");
            spec.commandLine().getErr().flush();
            shutdown.awaitSignal();
        }
        return 0;
    }

    /** With a web port: the live view of these settings' topics, started; without, null. */
    private LiveView startLiveView(PrometheusMeterRegistry metrics, SceneConfig scene, DetectSettings settings) {
        if (web.port() == null) {
            return null;
        }
        return LiveView.start(
                new LiveViewSettings(
                        kafka.clientConfig(),
                        kafka.serdeConfig(),
                        settings.topics().frames(),
                        settings.topics().detections(),
                        camerasTopic,
                        LiveViewSettings.DEFAULT_MIN_SCORE,
                        scene,
                        topicOptions.maxMessageBytes()),
                metrics);
    }

    /** @param shadowOf the model a shadow run is of, or null for a production run */
    DetectSettings settings(String shadowOf) {
        return settings(null, shadowOf);
    }

    /**
     * @param applicationServer where other instances reach this one's web server ({@code HOST:PORT}, Kafka Streams'
     *     {@code application.server}, for interactive queries), or null
     * @param shadowOf the model a shadow run is of, or null for a production run
     */
    DetectSettings settings(String applicationServer, String shadowOf) {
        Duration stale = staleAfterMs > 0 ? Duration.ofMillis(staleAfterMs) : null;
        Map<String, Object> client = new HashMap<>(kafka.clientConfig());
        if (applicationServer != null) {
            client.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        String id = shadowOf != null && !matched("--application-id")
                ? DetectSettings.DEFAULT_APPLICATION_ID + "-shadow-" + shadowOf
                : applicationId;
        return DetectSettings.builder(id, stateDir, client, kafka.serdeConfig())
                .topics(new DetectTopology.TopicNames(
                        topicOptions.framesTopic,
                        shadowOf != null && !matched("--detections-topic")
                                ? Topics.shadowDetections(shadowOf)
                                : topicOptions.detectionsTopic,
                        shadowOf != null && !matched("--dlq-topic")
                                ? Topics.shadowDeadLetters(shadowOf)
                                : topicOptions.deadLetterTopic))
                .batching(new BatchingSettings(batchSize, Duration.ofMillis(batchWaitMs), stale))
                .streamThreads(threads)
                .processingGuarantee(processingGuarantee)
                .maxMessageBytes(topicOptions.maxMessageBytes())
                .maxImagePixels(maxPixels)
                .tracking(tracking(shadowOf))
                .motion(motionOptions.settings())
                .build();
    }

    /** The tracking stage's settings; a shadow run writes its objects and counts to its own topics. */
    private TrackingSettings tracking(String shadowOf) {
        TrackingSettings tracking = trackingOptions.settings();
        if (shadowOf == null) {
            return tracking;
        }
        return tracking.withTopics(
                matched("--objects-topic") ? tracking.objectsTopic() : Topics.shadowObjects(shadowOf),
                matched("--counts-topic") ? tracking.countsTopic() : Topics.shadowCounts(shadowOf));
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

    private boolean matched(String option) {
        return spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
