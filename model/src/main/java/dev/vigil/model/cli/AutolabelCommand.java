package dev.vigil.model.cli;

import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.teacher.AutoLabeler;
import dev.vigil.model.teacher.AutoLabels;
import dev.vigil.model.teacher.FrameFormat;
import dev.vigil.model.teacher.FrameSelection;
import dev.vigil.model.teacher.ImageFolderSource;
import dev.vigil.model.teacher.ImageSource;
import dev.vigil.model.teacher.SsdTeacher;
import dev.vigil.model.teacher.TeacherLabelMap;
import dev.vigil.model.teacher.TeacherSettings;
import dev.vigil.model.teacher.VideoFrameSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vigil autolabel}: pseudo-labels from the teacher detector, for a video's frames or a folder of images. */
@Command(
        name = "autolabel",
        mixinStandardHelpOptions = true,
        description = {
            "Label images with the teacher detector (SSD MobileNetV2, Open Images) and write COCO JSON "
                    + "whose boxes carry the teacher's score.",
            "For a video, the selected frames are written as images (frame number in the name) beside the JSON.",
            "Fetch the teacher first: " + SsdTeacher.FETCH_SCRIPT
        })
public final class AutolabelCommand implements Callable<Integer> {

    /** Exit code when some images could not be read (the dataset is written without them). */
    static final int EXIT_BAD_IMAGES = 2;
    /** Default folder for a video's frames, beside the JSON file. */
    static final String DEFAULT_IMAGES_FOLDER = "images";

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--images", paramLabel = "DIR", description = "label the images (JPEG, PNG, BMP) in DIR")
        Path images;

        @Option(names = "--video", paramLabel = "FILE", description = "label frames of a video file")
        Path video;
    }

    @Option(
            names = "--frames",
            paramLabel = "A-B",
            description = "video frames A to B, both included, counted from 0 " + "(A- for A to the end; default: all)")
    String frames;

    @Option(
            names = "--every",
            paramLabel = "N",
            defaultValue = "1",
            description = "take every N-th frame of the range (default: ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--out", paramLabel = "COCO.json", required = true, description = "the COCO JSON file to write")
    Path out;

    @Option(
            names = "--images-out",
            paramLabel = "DIR",
            description = "folder for the video's frames (default: '" + DEFAULT_IMAGES_FOLDER + "' beside --out)")
    Path imagesOut;

    @Option(
            names = "--image-format",
            paramLabel = "FORMAT",
            defaultValue = "jpg",
            description = "jpg or png for the video's frames " + "(default: ${DEFAULT-VALUE}; JPEG quality "
                    + FrameFormat.JPEG_QUALITY + ")")
    String imageFormat;

    @Option(
            names = "--score-thresh",
            paramLabel = "SCORE",
            defaultValue = "" + TeacherSettings.DEFAULT_SCORE_THRESHOLD,
            description = "keep pseudo-labels scoring at least this (default: ${DEFAULT-VALUE})")
    float scoreThreshold;

    @Option(
            names = "--nms-iou",
            paramLabel = "IOU",
            defaultValue = "" + TeacherSettings.DEFAULT_NMS_IOU_THRESHOLD,
            description = "drop a box overlapping a higher-scoring box of its class with IoU above this "
                    + "(default: ${DEFAULT-VALUE})")
    float nmsIouThreshold;

    @Option(
            names = "--classes",
            split = ",",
            paramLabel = "NAME",
            description = "keep only these classes, in this order (default: every class of the label map)")
    List<String> classes;

    @Option(
            names = "--label-map",
            paramLabel = "SPEC",
            defaultValue = TeacherLabelMap.DEFAULT_SPEC,
            description = "teacher label to class pairs, e.g. Person=person,Vehicle=car (default: ${DEFAULT-VALUE})")
    String labelMap;

    @Option(
            names = "--teacher-model",
            paramLabel = "PATH",
            description = "the teacher's TFLite file (default: ${DEFAULT-VALUE})")
    Path teacherModel = SsdTeacher.DEFAULT_MODEL;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for the teacher (default: all)")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        FrameSelection selection = FrameSelection.parse(frames, every);
        FrameFormat format = FrameFormat.of(imageFormat);
        TeacherLabelMap map = TeacherLabelMap.parse(labelMap);
        if (classes != null) {
            map = map.restrictedTo(classes);
        }
        TeacherSettings settings =
                TeacherSettings.defaults().withScoreThreshold(scoreThreshold).withNmsIouThreshold(nmsIouThreshold);
        if (threads != null) {
            settings = settings.withThreads(threads);
        }
        AutoLabels labels;
        try (SsdTeacher teacher = SsdTeacher.open(teacherModel, settings, map);
                ImageSource source = openSource(selection, format);
                ProgressBar bar = progressBar(source.expectedCount())) {
            labels = new AutoLabeler(teacher).label(source, image -> bar.step());
        }
        CocoDataset.write(out, labels.dataset());
        printSummary(spec.commandLine().getOut(), labels, selection);
        labels.skipped().forEach(reason -> spec.commandLine().getErr().println("skipped " + reason));
        return labels.skipped().isEmpty() ? 0 : EXIT_BAD_IMAGES;
    }

    private void checkOptions() {
        if (input.images != null && (frames != null || every != 1 || imagesOut != null)) {
            throw new ParameterException(
                    spec.commandLine(), "--frames, --every and --images-out apply to --video only");
        }
        if (every <= 0) {
            throw new ParameterException(spec.commandLine(), "--every must be positive, got " + every);
        }
    }

    private ImageSource openSource(FrameSelection selection, FrameFormat format) throws IOException {
        if (input.images != null) {
            return ImageFolderSource.open(input.images);
        }
        Path folder =
                imagesOut != null ? imagesOut : out.toAbsolutePath().getParent().resolve(DEFAULT_IMAGES_FOLDER);
        return VideoFrameSource.open(input.video, selection, folder, format);
    }

    private static ProgressBar progressBar(long expected) {
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        return new ProgressBarBuilder()
                .setTaskName("autolabel")
                .setInitialMax(expected)
                .setUnit(" images", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .showSpeed()
                .setUpdateIntervalMillis(500)
                .build();
    }

    private void printSummary(PrintWriter console, AutoLabels labels, FrameSelection selection) {
        int images = labels.dataset().images().size();
        String from = input.images != null ? input.images.toString() : input.video + " (" + selection + ")";
        console.printf(
                Locale.ROOT,
                "wrote %s: %d images from %s (images in %s)%n",
                out,
                images,
                from,
                labels.dataset().imagesDir());
        StringBuilder perClass = new StringBuilder();
        for (Map.Entry<String, Integer> entry : labels.boxesPerClass().entrySet()) {
            if (entry.getValue() > 0) {
                perClass.append(String.format(
                        Locale.ROOT,
                        "%n  %-14s %7d  (%.2f per image)",
                        entry.getKey(),
                        entry.getValue(),
                        images == 0 ? 0.0 : entry.getValue() / (double) images));
            }
        }
        console.printf(
                Locale.ROOT,
                "pseudo-labels scoring >= %.2f:%s%n",
                scoreThreshold,
                perClass.length() == 0 ? " none" : perClass);
        console.printf(Locale.ROOT, "teacher: %.1f ms per image%n", labels.teacherMillisPerImage());
    }
}
