package dev.vigil.stream.cli;

import dev.vigil.model.cli.AutolabelCommand;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.teacher.AutoLabels;
import dev.vigil.model.teacher.FrameFormat;
import dev.vigil.model.teacher.FrameSelection;
import dev.vigil.model.teacher.ImageSource;
import dev.vigil.schemas.AnnotationSource;
import dev.vigil.stream.config.CaptureTimeRange;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.kafka.ConnectOptions;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.labels.AnnotationPublisher;
import dev.vigil.stream.labels.TopicFrameSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code vigil autolabel} as the launcher has it: the model's command ({@link AutolabelCommand}: videos, image
 * folders, snapshots) plus frames straight from a Kafka topic, labelled and published as {@code Annotation} records.
 */
@Command(
        name = "autolabel",
        mixinStandardHelpOptions = true,
        description = {
            "Label frames with a teacher detector. From a frames topic (--topic frames --camera NAME [--from T --to T])"
                    + " the labels are published as Annotation records on --annotations-topic, keyed by camera like "
                    + "the frames (vigil snapshot and vigil retrain read them); from --images or --video they are "
                    + "written as COCO JSON (--out), each box with the teacher's score.",
            "Teachers: centernet (CenterNet MobileNetV3, COCO; a TF.js graph model run in Java), ssd (SSD "
                    + "MobileNetV2, Open Images; TFLite) or ensemble (both, fused by weighted box fusion).",
            "Exits 3 when nothing was labelled (no frame found, or no box above the threshold)."
        })
public final class TopicAutolabelCommand extends AutolabelCommand {

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    ConnectOptions connect;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "label the frames of this frames topic")
    String topic;

    @Option(
            names = "--camera",
            paramLabel = "NAME",
            description = "with --topic: only this camera (repeatable; default: all)")
    Set<String> cameras = new HashSet<>();

    @Mixin
    CaptureTimeRange range;

    @Option(
            names = "--annotations-topic",
            defaultValue = Topics.ANNOTATIONS,
            description = "where the labels of --topic go (default: ${DEFAULT-VALUE})")
    String annotationsTopic;

    private TopicFrameSource frameSource;

    @Override
    protected void checkInput() {
        if (topic == null) {
            if (!cameras.isEmpty() || range.isSet()) {
                throw new ParameterException(spec.commandLine(), "--camera, --from and --to apply to --topic only");
            }
            super.checkInput();
            return;
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--images")
                || spec.commandLine().getParseResult().hasMatchedOption("--video")
                || spec.commandLine().getParseResult().hasMatchedOption("--from-labels")) {
            throw new ParameterException(
                    spec.commandLine(), "give one input: --topic, --images, --video or --from-labels");
        }
        range.validate(spec.commandLine());
        if (out != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--topic publishes to " + annotationsTopic + "; --out is for --images and --video (vigil "
                            + "snapshot writes the frames with their labels)");
        }
        new StartupCheck(connect).awaitKafkaAndRegistry(kafka.clientConfig(), kafka.serdeConfig());
    }

    @Override
    protected ImageSource openSource(FrameSelection selection, FrameFormat format) throws IOException {
        if (topic == null) {
            return super.openSource(selection, format);
        }
        frameSource = new TopicFrameSource(
                kafka.clientConfig(), kafka.serdeConfig(), topic, cameras, range.from(), range.to(), connect.timeout());
        return frameSource;
    }

    @Override
    protected void deliver(AutoLabels labels, String teacherName) throws IOException {
        if (topic == null) {
            super.deliver(labels, teacherName);
            return;
        }
        if (labels.dataset().images().isEmpty()) {
            return;
        }
        TopicProvisioner.ensure(kafka.clientConfig(), TopicSettings.defaults(), Set.of(annotationsTopic));
        try (AnnotationPublisher publisher =
                new AnnotationPublisher(kafka.clientConfig(), kafka.serdeConfig(), annotationsTopic)) {
            int written = publisher.publish(
                    labels.dataset(), frameSource::frame, AnnotationSource.TEACHER, "teacher " + teacherName);
            spec.commandLine().getOut().printf("published %d annotations to '%s'%n", written, annotationsTopic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while publishing to " + annotationsTopic);
        }
    }

    @Override
    protected List<List<AnnotatedImage>> sequences(Dataset labels) {
        if (topic == null) {
            return super.sequences(labels);
        }
        Map<String, List<AnnotatedImage>> byCamera = new TreeMap<>();
        for (AnnotatedImage image : labels.images()) {
            byCamera.computeIfAbsent(frameSource.frame(image.fileName()).cameraId(), c -> new ArrayList<>())
                    .add(image);
        }
        List<List<AnnotatedImage>> runs = new ArrayList<>();
        for (List<AnnotatedImage> run : byCamera.values()) {
            run.sort(Comparator.comparingLong((AnnotatedImage image) ->
                    frameSource.frame(image.fileName()).captureTimeMillis()));
            runs.add(run);
        }
        return runs;
    }

    @Override
    protected String describeInput(FrameSelection selection) {
        if (topic == null) {
            return super.describeInput(selection);
        }
        return "topic '" + topic + "' (cameras " + (cameras.isEmpty() ? "all" : String.join(",", cameras))
                + range.describe() + ")";
    }
}
