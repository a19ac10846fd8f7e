package dev.vigil.stream.cli;

import dev.vigil.stream.config.CaptureTimeRange;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.kafka.ConnectOptions;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.snapshot.CocoDatasetWriter;
import dev.vigil.stream.snapshot.Snapshot;
import dev.vigil.stream.snapshot.SnapshotSettings;
import dev.vigil.stream.snapshot.SnapshotState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vigil snapshot}: frames and their annotations from Kafka → a dataset folder (images + COCO JSON). */
@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        description = "Exports frames (image files as they are, images/<camera>/<sequence>.jpg) and their annotations "
                + "(matched by camera and frame sequence) from Kafka into a dataset folder with a COCO JSON ("
                + CocoDatasetWriter.FILE_NAME + "). Running it again into the same folder resumes: it adds what "
                + "arrived since, never duplicating an image (state in " + SnapshotState.FILE_NAME + "). A camera id "
                + "that is not a plain name (e.g. '../x') gets a folder named from it with '_' and a digest; images "
                + "that do not decode (empty, truncated, corrupt) are skipped and counted.")
public final class SnapshotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    ConnectOptions connect;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The dataset folder.")
    Path out;

    @Option(names = "--frames-topic", defaultValue = Topics.FRAMES, description = "Default: ${DEFAULT-VALUE}.")
    String framesTopic;

    @Option(
            names = "--annotations-topic",
            defaultValue = Topics.ANNOTATIONS,
            description = "Default: ${DEFAULT-VALUE}.")
    String annotationsTopic;

    @Option(names = "--camera", paramLabel = "NAME", description = "Only this camera (repeatable). Default: all.")
    Set<String> cameras = new HashSet<>();

    @Mixin
    CaptureTimeRange range;

    @Option(
            names = "--from-offset",
            paramLabel = "N",
            description = "First offset read in every partition (inclusive).")
    Long fromOffset;

    @Option(
            names = "--to-offset",
            paramLabel = "N",
            description = "Offsets below this are read in every partition (exclusive). Default: the end of the topic "
                    + "when the run starts.")
    Long toOffset;

    private volatile boolean stopRequested;

    @Override
    public Integer call() {
        range.validate(spec.commandLine());
        if (range.from() != null && fromOffset != null || range.to() != null && toOffset != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Give a range by time (--from/--to) or by offsets (--from-offset/--to-offset), not both at one end");
        }
        SnapshotSettings settings = new SnapshotSettings(
                out, framesTopic, annotationsTopic, cameras, range.from(), range.to(), fromOffset, toOffset);
        new StartupCheck(connect).awaitKafkaAndRegistry(kafka.clientConfig(), kafka.serdeConfig());
        Snapshot.Result result;
        try (GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-snapshot", () -> stopRequested = true)) {
            result = new Snapshot(settings, kafka.clientConfig(), kafka.serdeConfig(), connect.timeout())
                    .run(System.err, () -> stopRequested);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
                "vigil snapshot: %d records read, %d images added, %d duplicates, %d not selected, %d unreadable, "
                        + "%d undecodable images skipped; %s now holds %d images, %d of them annotated (%d boxes)%n",
                result.recordsRead(),
                result.imagesAdded(),
                result.duplicates(),
                result.notSelected(),
                result.unreadable(),
                result.undecodable(),
                out,
                result.dataset().images(),
                result.dataset().annotatedImages(),
                result.dataset().boxes());
        err.flush();
        return 0;
    }
}
