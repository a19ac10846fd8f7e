package dev.vigil.stream.cli;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.stream.compare.Agreement;
import dev.vigil.stream.compare.ComparisonReport;
import dev.vigil.stream.compare.TopicComparison;
import dev.vigil.stream.config.CaptureTimeRange;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.kafka.ConnectOptions;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.kafka.Topics;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil compare}: two detection topics on the same frames. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two detection topics on the frames both have an OK event for (production's detections and a",
            "shadow run's detections.shadow.NAME, say): per class, the boxes matched at an IoU, only in A, only in B,",
            "and the mean score shift of the matched ones; with a labelled dataset of those frames (vigil snapshot)",
            "the COCO AP and AP50 of each. Prints a table; with --out also compare.json and PNG charts."
        })
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    ConnectOptions connect;

    @Option(
            names = "--a",
            paramLabel = "TOPIC",
            defaultValue = Topics.DETECTIONS,
            description = "The reference. Default: ${DEFAULT-VALUE}.")
    String topicA;

    @Option(
            names = "--b",
            paramLabel = "TOPIC",
            required = true,
            description = "The topic compared with it, e.g. detections.shadow.NAME.")
    String topicB;

    @Option(names = "--camera", paramLabel = "NAME", description = "Only this camera (repeatable). Default: all.")
    Set<String> cameras = new HashSet<>();

    @Mixin
    CaptureTimeRange range;

    @Option(
            names = "--iou",
            defaultValue = "" + Agreement.DEFAULT_IOU,
            description = "IoU at which two boxes of a class match. Default: ${DEFAULT-VALUE}.")
    double iou;

    @Option(
            names = "--min-score",
            defaultValue = "0",
            description = "Leave out boxes scored below this, on both sides. Default: ${DEFAULT-VALUE}.")
    float minScore;

    @Option(
            names = "--dataset",
            paramLabel = "FILE",
            description = "Labelled frames (COCO JSON from vigil snapshot): adds the AP of each topic on them.")
    Path dataset;

    @Option(names = "--dataset-images", paramLabel = "DIR", description = "Its images. Default: the JSON's own.")
    Path datasetImages;

    @Option(names = "--out", paramLabel = "DIR", description = "Writes compare.json and the PNG charts here.")
    Path out;

    @Option(
            names = "--max-events",
            defaultValue = "" + TopicComparison.DEFAULT_MAX_EVENTS,
            description = "The most events read from one topic. Default: ${DEFAULT-VALUE}.")
    int maxEvents;

    @Override
    public Integer call() throws Exception {
        range.validate(spec.commandLine());
        new StartupCheck(connect).awaitKafkaAndRegistry(kafka.clientConfig(), kafka.serdeConfig());
        Predicate<DetectionEvent> frames =
                e -> (cameras.isEmpty() || cameras.contains(e.getCameraId())) && range.contains(e.getFrameTime());
        TopicComparison.Settings settings =
                new TopicComparison.Settings(topicA, topicB, frames, iou, minScore, maxEvents, connect.timeout());
        TopicComparison.Result result =
                TopicComparison.run(settings, kafka.clientConfig(), kafka.serdeConfig(), dataset, datasetImages);
        ComparisonReport report = new ComparisonReport(settings, result);
        spec.commandLine().getOut().print(report.table());
        if (out != null) {
            for (Path file : report.write(out)) {
                spec.commandLine().getOut().println("wrote " + file);
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
