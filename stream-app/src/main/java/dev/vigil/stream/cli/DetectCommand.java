package dev.vigil.stream.cli;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectApplication;
import dev.vigil.stream.detect.DetectMetrics;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectTopology;
import dev.vigil.stream.detect.ModelDetectors;
import dev.vigil.stream.kafka.TopicOptions;
import dev.vigil.stream.metrics.MetricsServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil detect}: the Kafka Streams application frames → Faster R-CNN → detections. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = "Runs the detector on the frames topic and publishes one Avro DetectionEvent per frame on the "
                + "detections topic (exactly once by default), until stopped.")
public final class DetectCommand implements Callable<Integer> {

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

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(
            names = "--batch-size",
            defaultValue = "" + BatchingSettings.DEFAULT_MAX_BATCH_SIZE,
            description = "Frames per detector call (B). Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--batch-wait-ms",
            defaultValue = "100",
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
            defaultValue = "1",
            description = "Stream threads, each with its own detector. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Mixin
    MetricsServerOptions metrics;

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
        DeviceChoice deviceChoice = DeviceChoice.valueOf(device.toUpperCase(java.util.Locale.ROOT));
        ModelDetectors detectors = ModelDetectors.open(model, deviceChoice);
        topicOptions.ensure(
                kafka, Set.of(topicOptions.framesTopic, topicOptions.detectionsTopic, topicOptions.deadLetterTopic));
        DetectSettings settings = settings();
        CountDownLatch stopped = new CountDownLatch(1);
        try (DetectApplication app = DetectApplication.start(settings, detectors);
                AutoCloseable metricsServer = metrics.start(
                        "vigil detect",
                        () -> DetectMetrics.render(app.stats(), app.state().isRunningOrRebalancing()),
                        new PrintWriter(System.err, true))) {
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                app.close();
                                stopped.countDown();
                            },
                            "vigil-detect-shutdown"));
            System.err.printf(
                    "vigil detect: %s -> %s with model %s (%s)%n",
                    topicOptions.framesTopic,
                    topicOptions.detectionsTopic,
                    detectors.modelName(),
                    detectors.modelVersion());
            stopped.await();
        }
        return 0;
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
