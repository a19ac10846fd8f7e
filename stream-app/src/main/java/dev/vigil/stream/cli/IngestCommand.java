package dev.vigil.stream.cli;

import dev.vigil.stream.config.DurationConverter;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.ingest.CameraList;
import dev.vigil.stream.ingest.CameraReader;
import dev.vigil.stream.ingest.CameraSpec;
import dev.vigil.stream.ingest.IngestApplication;
import dev.vigil.stream.ingest.IngestSettings;
import dev.vigil.stream.ingest.JpegEncoder;
import dev.vigil.stream.ingest.SendQueue;
import dev.vigil.stream.kafka.ConnectOptions;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.kafka.TopicCreationOptions;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.retry.Backoff;
import dev.vigil.stream.web.HealthChecks;
import dev.vigil.stream.web.WebOptions;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil ingest}: cameras (RTSP, HTTP, files) → JPEG {@code Frame} records on the frames topic. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Reads cameras (RTSP, HTTP, files) with FFmpeg, one thread each, and publishes their frames as "
                + "JPEG Avro Frame records (key = camera name, timestamp = capture time) through one idempotent "
                + "producer. Ends when every file camera is done; stops cleanly on Ctrl-C or SIGTERM. Exit code 1 "
                + "when a camera could not be read or any frame was lost (not accepted by Kafka, or dropped while "
                + "Kafka did not keep up); the last lines say how many and why. With --web-port it serves /metrics, /health/live and "
                + "/health/ready (every camera streaming).")
public final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    TopicCreationOptions topicCreation;

    @Mixin
    ConnectOptions connect;

    @Option(
            names = "--camera",
            paramLabel = "NAME=URI",
            description = "A camera: rtsp://, http(s):// or a file (repeatable).")
    List<String> cameras = new ArrayList<>();

    @Option(
            names = "--cameras-file",
            paramLabel = "FILE",
            description = "A file of NAME=URI lines ('#' starts a comment), read besides --camera.")
    Path camerasFile;

    @Option(
            names = "--fps",
            defaultValue = "0",
            description = "Frames per second kept per camera; 0 keeps every frame. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(
            names = "--replay",
            defaultValue = "realtime",
            description = "Pace of stored footage: ${COMPLETION-CANDIDATES} (live: real time, stamped with the "
                    + "wall clock). Default: ${DEFAULT-VALUE}.")
    CameraSpec.ReplayMode replay;

    @Option(names = "--loop", defaultValue = "false", description = "Start files again at their end (demos).")
    boolean loop;

    @Option(
            names = "--max-long-side",
            paramLabel = "PX",
            defaultValue = "0",
            description =
                    "Scale frames down so the longer side is at most PX; 0 keeps the size. Default: ${DEFAULT-VALUE}.")
    int maxLongSide;

    @Option(
            names = "--jpeg-quality",
            paramLabel = "Q",
            defaultValue = "" + JpegEncoder.DEFAULT_QUALITY,
            description =
                    "JPEG quality 1-100 (lowered for a frame that would not fit the topic). Default: ${DEFAULT-VALUE}.")
    int jpegQuality;

    @Option(
            names = "--max-frames",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop a camera after N frames sent; 0 = no limit. Default: ${DEFAULT-VALUE}.")
    long maxFrames;

    @Option(names = "--frames-topic", defaultValue = Topics.FRAMES, description = "Default: ${DEFAULT-VALUE}.")
    String framesTopic;

    @Option(
            names = "--io-timeout",
            defaultValue = CameraSpec.DEFAULT_IO_TIMEOUT_SECONDS + "s",
            converter = DurationConverter.class,
            description = "FFmpeg connect/read timeout of live cameras. Default: ${DEFAULT-VALUE}.")
    Duration ioTimeout;

    @Option(
            names = "--stall-timeout",
            defaultValue = CameraSpec.DEFAULT_STALL_TIMEOUT_SECONDS + "s",
            converter = DurationConverter.class,
            description = "A live camera with no frame for this long is reopened. Default: ${DEFAULT-VALUE}.")
    Duration stallTimeout;

    @Option(
            names = "--reconnect-limit",
            paramLabel = "N",
            defaultValue = "" + Backoff.UNLIMITED,
            description = "Give a live camera up after N reconnects in a row without a frame; 0 = never. "
                    + "Default: ${DEFAULT-VALUE}.")
    int reconnectLimit;

    @Option(
            names = "--stats-interval",
            defaultValue = IngestSettings.DEFAULT_STATS_INTERVAL_SECONDS + "s",
            converter = DurationConverter.class,
            description =
                    "How often each camera's counters are logged; 0s = only at the end. Default: ${DEFAULT-VALUE}.")
    Duration statsInterval;

    @Option(
            names = "--send-queue",
            paramLabel = "FRAMES",
            defaultValue = "" + SendQueue.DEFAULT_CAPACITY,
            description = "Frames per camera waiting for Kafka at most; a live camera then drops its oldest (counted "
                    + "as queue_full), a file waits. Default: ${DEFAULT-VALUE}.")
    int sendQueueFrames;

    @Mixin
    WebOptions web;

    @Override
    public Integer call() throws Exception {
        IngestSettings settings = new IngestSettings(
                cameraSpecs(),
                framesTopic,
                topicCreation.settings(connect.timeout()),
                jpegQuality,
                maxLongSide,
                maxFrames,
                reconnectLimit,
                statsInterval,
                sendQueueFrames,
                kafka.clientConfig(),
                kafka.serdeConfig());
        new StartupCheck(connect).awaitKafkaAndRegistry(kafka.clientConfig(), kafka.serdeConfig());
        PrintWriter err = spec.commandLine().getErr();
        PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
        HealthChecks health = new HealthChecks();
        try (AutoCloseable webServer = web.start("vigil ingest", metrics, health, err, List.of());
                IngestApplication ingest =
                        IngestApplication.start(settings, metrics, health, UnaryOperator.identity());
                GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-ingest", ingest::stop)) {
            ingest.awaitCameras();
            return report(ingest, err);
        }
    }

    private List<CameraSpec> cameraSpecs() {
        List<String> entries = new ArrayList<>(cameras);
        if (camerasFile != null) {
            entries.addAll(CameraList.readFile(camerasFile));
        }
        return entries.stream()
                .map(e -> CameraSpec.parse(e, fps, replay, loop).withTimeouts(stallTimeout, ioTimeout))
                .toList();
    }

    /** One line per camera; exit code 1 when a camera failed or any frame was lost. */
    static int report(IngestApplication ingest, PrintWriter err) {
        long lost = 0;
        for (CameraReader r : ingest.readers()) {
            err.printf(
                    "vigil ingest: camera '%s': %d frames in, %d sent, %d dropped, %d dropped while Kafka did not "
                            + "keep up, %d sampled out, %d reconnects%s%s%n",
                    r.camera().name(),
                    r.stats().framesDecoded(),
                    r.stats().framesSent(),
                    r.stats().framesDropped(),
                    r.stats().framesQueueFull(),
                    r.stats().framesSampledOut(),
                    r.stats().reconnects(),
                    r.stats().lastLoss().map(why -> "; last frame lost: " + why).orElse(""),
                    r.failure().map(f -> "; FAILED: " + f).orElse(""));
            lost += r.stats().framesLost();
        }
        if (lost > 0) {
            err.printf("vigil ingest: %d frame(s) lost (see above why); exit code 1%n", lost);
        }
        err.flush();
        return ingest.failed().isEmpty() && lost == 0 ? 0 : 1;
    }
}
