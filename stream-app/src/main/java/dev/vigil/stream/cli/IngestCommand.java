package dev.vigil.stream.cli;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.config.DurationConverter;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.ingest.Backoff;
import dev.vigil.stream.ingest.CameraFleet;
import dev.vigil.stream.ingest.CameraList;
import dev.vigil.stream.ingest.CameraReader;
import dev.vigil.stream.ingest.CameraSpec;
import dev.vigil.stream.ingest.CameraStatsLog;
import dev.vigil.stream.ingest.IngestMetrics;
import dev.vigil.stream.ingest.JpegEncoder;
import dev.vigil.stream.ingest.KafkaFrameSink;
import dev.vigil.stream.kafka.ConnectOptions;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.kafka.TopicCreationOptions;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.metrics.MetricsServerOptions;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
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
                + "when a camera could not be read.")
public final class IngestCommand implements Callable<Integer> {

    /** Room left in a record for the Frame's other fields and Kafka's record overhead, beside the JPEG. */
    static final int RECORD_HEADROOM_BYTES = 64 * 1024;

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
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "FFmpeg connect/read timeout of live cameras. Default: ${DEFAULT-VALUE}.")
    Duration ioTimeout;

    @Option(
            names = "--stall-timeout",
            defaultValue = "10s",
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
            defaultValue = "10s",
            converter = DurationConverter.class,
            description =
                    "How often each camera's counters are logged; 0s = only at the end. Default: ${DEFAULT-VALUE}.")
    Duration statsInterval;

    @Mixin
    MetricsServerOptions metrics;

    @Override
    public Integer call() throws Exception {
        List<CameraSpec> specs = cameraSpecs();
        new StartupCheck(connect).awaitKafkaAndRegistry(kafka.clientConfig(), kafka.serdeConfig());
        int maxMessageBytes = ensureFramesTopic();
        PrintWriter err = spec.commandLine().getErr();
        try (KafkaFrameSink sink = new KafkaFrameSink(
                kafka.clientConfig(),
                framesTopic,
                AvroSerdes.specific(Frame.class, kafka.serdeConfig()).serializer(),
                maxMessageBytes)) {
            JpegEncoder encoder = new JpegEncoder(jpegQuality, maxLongSide, maxMessageBytes - RECORD_HEADROOM_BYTES);
            String host = ingestHost();
            List<CameraReader> readers = specs.stream()
                    .map(c ->
                            new CameraReader(c, encoder, sink, host, Backoff.withRetryLimit(reconnectLimit), maxFrames))
                    .toList();
            try (AutoCloseable metricsServer = metrics.start(
                            "vigil ingest", () -> IngestMetrics.render(readers, System.currentTimeMillis()), err);
                    CameraStatsLog statsLog = CameraStatsLog.start(readers, statsInterval)) {
                CameraFleet fleet = CameraFleet.start(readers);
                try (GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-ingest", fleet::stop)) {
                    fleet.awaitAll();
                    sink.flush();
                    statsLog.logNow();
                    return report(fleet, err);
                } finally {
                    fleet.stop();
                }
            }
        }
    }

    private List<CameraSpec> cameraSpecs() {
        List<String> entries = new ArrayList<>(cameras);
        if (camerasFile != null) {
            entries.addAll(CameraList.readFile(camerasFile));
        }
        List<CameraSpec> specs = entries.stream()
                .map(e -> CameraSpec.parse(e, fps, replay, loop).withTimeouts(stallTimeout, ioTimeout))
                .toList();
        CameraList.requireUniqueNames(specs);
        return specs;
    }

    /** Creates the frames topic if needed; returns the largest record it accepts. */
    private int ensureFramesTopic() {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, topicCreation.settings(connect.timeout()));
            provisioner.ensure(Set.of(framesTopic));
            int max = provisioner.maxMessageBytes(framesTopic);
            if (max <= RECORD_HEADROOM_BYTES) {
                throw new IllegalStateException("Topic '" + framesTopic + "' accepts records of at most " + max
                        + " bytes, too small for frames (raise its max.message.bytes)");
            }
            return max;
        }
    }

    private static int report(CameraFleet fleet, PrintWriter err) {
        for (CameraReader r : fleet.readers()) {
            err.printf(
                    "vigil ingest: camera '%s': %d frames in, %d sent, %d dropped, %d sampled out, %d reconnects%s%n",
                    r.camera().name(),
                    r.stats().framesDecoded(),
                    r.stats().framesSent(),
                    r.stats().framesDropped(),
                    r.stats().framesSampledOut(),
                    r.stats().reconnects(),
                    r.failure().map(f -> "; FAILED: " + f).orElse(""));
        }
        err.flush();
        return fleet.failed().isEmpty() ? 0 : 1;
    }

    private static String ingestHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
