package dev.vigil.model.cli;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.eval.ThresholdChoice;
import dev.vigil.model.progress.ProgressBars;
import dev.vigil.model.teacher.AugmentedTeacher;
import dev.vigil.model.teacher.AutoLabeler;
import dev.vigil.model.teacher.AutoLabels;
import dev.vigil.model.teacher.ClassThresholds;
import dev.vigil.model.teacher.FrameFormat;
import dev.vigil.model.teacher.FrameSelection;
import dev.vigil.model.teacher.ImageFolderSource;
import dev.vigil.model.teacher.ImageSource;
import dev.vigil.model.teacher.SsdTeacher;
import dev.vigil.model.teacher.Teacher;
import dev.vigil.model.teacher.TeacherChoice;
import dev.vigil.model.teacher.TeacherLabelMap;
import dev.vigil.model.teacher.TeacherSettings;
import dev.vigil.model.teacher.TemporalConsistency;
import dev.vigil.model.teacher.ThresholdedTeacher;
import dev.vigil.model.teacher.TrackedLabels;
import dev.vigil.model.teacher.VideoFrameSource;
import dev.vigil.model.teacher.WeightedBoxFusion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.ProgressBar;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigil autolabel}: pseudo-labels from a teacher detector, for a video's frames or a folder of images (a
 * snapshot's, its cameras in sub-folders, included). stream-app extends it with frames from a Kafka topic ({@link
 * #openSource}, {@link #deliver}).
 */
@Command(
        name = "autolabel",
        mixinStandardHelpOptions = true,
        description = {
            "Label images with a teacher detector and write COCO JSON whose boxes carry the teacher's score. "
                    + "Teachers: centernet (CenterNet MobileNetV3, COCO; a TF.js graph model run in Java), ssd (SSD "
                    + "MobileNetV2, Open Images; TFLite) or ensemble (both, fused by weighted boxes fusion).",
            "For a video, the selected frames are written as images (frame number in the name) beside the JSON.",
            "The teachers' weights come from " + SsdTeacher.FETCH_SCRIPT + " (./vigil autolabel runs it)."
        })
public class AutolabelCommand implements Callable<Integer> {

    /** Exit code when some images could not be read (the dataset is written without them). */
    public static final int EXIT_BAD_IMAGES = 2;
    /** Exit code when nothing was labelled: no image found, or no box scored above the threshold. */
    public static final int EXIT_NOTHING_LABELLED = 3;
    /** Default score threshold of the CenterNet teacher (docs/benchmarks.md). */
    static final float CENTERNET_SCORE_THRESHOLD = 0.35f;
    /** Default threshold of the ensemble's fused score (docs/benchmarks.md). */
    static final float ENSEMBLE_SCORE_THRESHOLD = 0.35f;
    /** Default folder for a video's frames, beside the JSON file. */
    static final String DEFAULT_IMAGES_FOLDER = "images";

    @Spec
    protected CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Input input;

    static final class Input {
        @Option(
                names = "--images",
                paramLabel = "DIR",
                description = "label the images (JPEG, PNG, BMP) in DIR and its sub-folders (a snapshot folder's "
                        + "images/, every camera)")
        Path images;

        @Option(names = "--video", paramLabel = "FILE", description = "label frames of a video file")
        Path video;

        @Option(
                names = "--from-labels",
                paramLabel = "COCO.json",
                description = "no teacher: threshold and clean pseudo-labels written earlier with their scores (e.g. "
                        + "by --video ... --score-thresh 0.05, to label once and choose thresholds and cleaning "
                        + "after); for --consistency and --tracks its images must be consecutive frames in order, as "
                        + "--video writes them")
        Path fromLabels;
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

    @Option(names = "--out", paramLabel = "COCO.json", description = "the COCO JSON file to write")
    protected Path out;

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
            names = "--teacher",
            paramLabel = "NAME",
            description = "centernet, ssd or ensemble (default: ${DEFAULT-VALUE})")
    String teacher = TeacherChoice.DEFAULT.toString();

    @Mixin
    TeacherModelOptions teacherModels;

    @Option(
            names = "--score-thresh",
            paramLabel = "SCORE",
            description = "keep pseudo-labels scoring at least this (default: " + CENTERNET_SCORE_THRESHOLD
                    + " for centernet, " + TeacherSettings.DEFAULT_SCORE_THRESHOLD + " for ssd, "
                    + ENSEMBLE_SCORE_THRESHOLD + " for the ensemble's fused score)")
    Float scoreThreshold;

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
            defaultValue = TeacherChoice.DEFAULT_LABEL_MAP,
            description = "teacher label to class pairs for both teachers, Open Images labels (capitalised) for the "
                    + "SSD and COCO labels for CenterNet, e.g. Person=person,Vehicle=car,person=person,truck=car "
                    + "(default: ${DEFAULT-VALUE})")
    String labelMap;

    @Option(
            names = "--teacher-model",
            paramLabel = "PATH",
            description = "the model file of the teacher chosen with --teacher (not for the ensemble: use "
                    + "--ssd-model and --centernet-model)")
    Path teacherModel;

    @Option(
            names = "--ensemble-weights",
            split = ",",
            paramLabel = "W",
            description = "the ensemble's weights of CenterNet and the SSD (default: 2,1)")
    List<Double> ensembleWeights;

    @Option(
            names = "--ensemble-member-thresh",
            paramLabel = "SCORE",
            description = "each ensemble member's own score threshold; lower boxes do not enter the fusion "
                    + "(default: 0.1)")
    Float memberThreshold;

    @Option(
            names = "--wbf-iou",
            paramLabel = "IOU",
            description = "boxes of one class overlapping a fused box with IoU above this are fused into it "
                    + "(default: " + WeightedBoxFusion.DEFAULT_IOU_THRESHOLD + ")")
    Float wbfIou;

    @Option(
            names = "--consistency",
            paramLabel = "K",
            defaultValue = "0",
            description = "clean the labels by neighbouring frames (video and topic frames): a box with no box of "
                    + "its class at IoU >= 0.3 within K frames before or after becomes an ignore region (iscrowd), "
                    + "and a box missed in one frame between two that have it is filled in (default: ${DEFAULT-VALUE}"
                    + ", off)")
    int consistency;

    @Option(
            names = "--tracks",
            description = "clean the labels by tracking them (video and topic frames; ByteTrack's idea): the teacher's "
                    + "boxes down to --track-low are tracked per class, forward and backward; a track starts only from "
                    + "a box at its class's threshold, a low-score box on a track is kept as a label, a confident box on "
                    + "no track becomes an ignore region (iscrowd), and a track's gaps of up to --fill-gaps frames are "
                    + "filled in (not with --consistency)")
    boolean tracks;

    @Option(
            names = "--track-low",
            paramLabel = "SCORE",
            defaultValue = "" + TrackedLabels.DEFAULT_LOW_SCORE,
            description = "with --tracks: the lowest score of a box a track may take (default: ${DEFAULT-VALUE})")
    float trackLow;

    @Option(
            names = "--fill-gaps",
            paramLabel = "N",
            defaultValue = "" + TrackedLabels.DEFAULT_MAX_GAP,
            description = "with --tracks: fill in a track's box in up to N consecutive frames where the teacher "
                    + "missed it, interpolated between the frames around them (0: none; default: ${DEFAULT-VALUE})")
    int fillGaps;

    @Option(
            names = "--recover-between",
            description = "with --tracks: a box under its class's threshold is a label only when tracks reach it from "
                    + "confident boxes of the object both before and after it (else one side is enough)")
    boolean recoverBetween;

    @Option(
            names = "--ignore-untracked",
            description = "with --tracks: a box under its class's threshold on no track becomes an ignore region "
                    + "(default: it is dropped, so taught as background; a confident box on no track is always an "
                    + "ignore region)")
    boolean ignoreUntracked;

    @Option(
            names = "--tta",
            paramLabel = "VIEWS",
            defaultValue = "none",
            description = "test-time augmentation: each teacher model also labels the image mirrored (flip) and/or "
                    + "2x2 overlapping tiles each 5/8 of the image (tiles: small objects seen larger) and/or 3x3 tiles "
                    + "each 0.45 of it (tiles3: smaller ones still), the views fused by weighted boxes fusion, a box "
                    + "keeping its best score; any of flip, tiles, tiles3 comma-separated, or none "
                    + "(default: ${DEFAULT-VALUE}; each view costs one more teacher run per image)")
    String tta;

    @Option(
            names = "--thresholds-from",
            paramLabel = "VAL.json",
            description = "choose each class's score threshold on this labelled validation set (COCO JSON, images "
                    + "beside it or in --thresholds-images) before labelling: the teacher labels its images, and the "
                    + "threshold of best F1 (IoU 0.5), or with --min-precision the lowest reaching it, is taken; "
                    + "printed as a --class-thresh value to reuse")
    Path thresholdsFrom;

    @Option(
            names = "--thresholds-images",
            paramLabel = "DIR",
            description = "the images of --thresholds-from (default: the folder its JSON names, or its own folder)")
    Path thresholdsImages;

    @Option(
            names = "--min-precision",
            paramLabel = "P",
            description = "with --thresholds-from: the lowest threshold whose precision reaches P instead of the best "
                    + "F1")
    Double minPrecision;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "CPU threads for the teacher (default: all; 1 is faster on a machine busy with other work)")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        checkInput();
        checkOptions();
        FrameSelection selection = FrameSelection.parse(frames, every);
        FrameFormat format = FrameFormat.of(imageFormat);
        TeacherChoice choice = TeacherChoice.parse(teacher);
        TeacherLabelMap map = TeacherLabelMap.parse(labelMap);
        if (classes != null) {
            map = map.restrictedTo(classes);
        }
        float threshold = scoreThreshold != null ? scoreThreshold : defaultThreshold(choice);
        ClassThresholds perClass = teacherModels.classThresholds(threshold);
        AutoLabels labels;
        String teacherName;
        if (input != null && input.fromLabels != null) {
            labels = new AutoLabels(CocoDataset.read(input.fromLabels), 0, List.of());
            checkClasses(perClass, classNames(labels.dataset()), "the labels");
            teacherName = "labels of " + input.fromLabels.getFileName();
        } else {
            float teacherThreshold = thresholdsFrom != null ? ThresholdChoice.LOWEST : perClass.lowest();
            if (tracks) {
                teacherThreshold = Math.min(teacherThreshold, trackLow);
            }
            TeacherSettings settings = TeacherSettings.defaults()
                    .withScoreThreshold(teacherThreshold)
                    .withNmsIouThreshold(nmsIouThreshold);
            if (threads != null) {
                settings = settings.withThreads(threads);
            }
            try (Teacher opened = choice.open(modelFiles(choice), settings, map, ensembleSettings(), views())) {
                checkClasses(perClass, opened.classNames(), "the teacher");
                if (thresholdsFrom != null) {
                    perClass = chooseThresholds(opened, perClass);
                }
                // with --tracks the boxes down to the low score are kept: the tracks decide which are labels
                ClassThresholds kept =
                        tracks ? ClassThresholds.uniform(Math.min(trackLow, perClass.lowest())) : perClass;
                try (ImageSource source = openSource(selection, format);
                        ProgressBar bar = progressBar(source.expectedCount())) {
                    labels = new AutoLabeler(new ThresholdedTeacher(opened, kept)).label(source, image -> bar.step());
                }
                teacherName = opened.name();
            }
        }
        if (tracks) {
            labels = cleanByTracks(labels, perClass);
        } else {
            labels = keepScoring(labels, perClass);
        }
        if (consistency > 0) {
            labels = cleanByNeighbours(labels);
        }
        deliver(labels, teacherName);
        printSummary(spec.commandLine().getOut(), labels, describeInput(selection), teacherName, perClass);
        labels.skipped().forEach(reason -> spec.commandLine().getErr().println("skipped " + reason));
        long boxes = labels.boxesPerClass().values().stream()
                .mapToLong(Integer::longValue)
                .sum();
        if (labels.dataset().images().isEmpty() || boxes == 0) {
            spec.commandLine()
                    .getErr()
                    .printf(
                            Locale.ROOT,
                            "vigil autolabel: nothing labelled: %s%n",
                            labels.dataset().images().isEmpty()
                                    ? "no image found in " + describeInput(selection)
                                    : "no box scored >= " + describe(perClass) + " in "
                                            + labels.dataset().images().size() + " images");
            return EXIT_NOTHING_LABELLED;
        }
        return labels.skipped().isEmpty() ? 0 : EXIT_BAD_IMAGES;
    }

    private void checkClasses(ClassThresholds perClass, List<String> classNames, String whose) {
        List<String> unknown = perClass.byClass().keySet().stream()
                .filter(name -> !classNames.contains(name))
                .toList();
        if (!unknown.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--class-thresh names " + unknown + ", not classes of " + whose + " " + classNames);
        }
    }

    private static List<String> classNames(Dataset dataset) {
        return dataset.categories().stream().map(Category::name).toList();
    }

    /** The labels without the boxes (not ignore regions) scoring under their class's threshold. */
    private static AutoLabels keepScoring(AutoLabels labels, ClassThresholds perClass) {
        Map<Integer, Float> byCategory = new HashMap<>();
        labels.dataset().categories().forEach(category -> byCategory.put(category.id(), perClass.of(category.name())));
        return withImages(
                labels,
                labels.dataset().images().stream()
                        .map(image -> new AnnotatedImage(
                                image.id(),
                                image.fileName(),
                                image.width(),
                                image.height(),
                                image.boxes().stream()
                                        .filter(box -> box.crowd()
                                                || box.score()
                                                        >= byCategory.getOrDefault(
                                                                box.categoryId(), perClass.fallback()))
                                        .toList()))
                        .toList());
    }

    /** The labels cleaned by {@link TrackedLabels}, sequence by sequence; the counts printed. */
    private AutoLabels cleanByTracks(AutoLabels labels, ClassThresholds perClass) {
        TrackedLabels cleaner = new TrackedLabels(perClass, trackLow, fillGaps, recoverBetween, ignoreUntracked);
        int[] counts = new int[4];
        AutoLabels cleaned = cleanSequences(labels, sequence -> {
            TrackedLabels.Result result =
                    cleaner.clean(sequence, labels.dataset().categories());
            counts[0] += result.kept();
            counts[1] += result.recovered();
            counts[2] += result.ignored();
            counts[3] += result.filled();
            return result.images();
        });
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "tracks (boxes from %.2f): %d boxes at their class's threshold kept, %d under it recovered "
                                + "(on a track), %d made ignore regions (on no track), %d filled in (gaps of up to "
                                + "%d frames)%n",
                        trackLow,
                        counts[0],
                        counts[1],
                        counts[2],
                        counts[3],
                        fillGaps);
        return cleaned;
    }

    /** The labels with the images of each sequence ({@link #sequences}) replaced by what {@code clean} makes of them. */
    private AutoLabels cleanSequences(AutoLabels labels, UnaryOperator<List<AnnotatedImage>> clean) {
        Map<Long, AnnotatedImage> cleaned = new HashMap<>();
        for (List<AnnotatedImage> sequence : sequences(labels.dataset())) {
            clean.apply(sequence).forEach(image -> cleaned.put(image.id(), image));
        }
        return withImages(
                labels,
                labels.dataset().images().stream()
                        .map(image -> cleaned.getOrDefault(image.id(), image))
                        .toList());
    }

    private static AutoLabels withImages(AutoLabels labels, List<AnnotatedImage> images) {
        Dataset dataset = labels.dataset();
        return new AutoLabels(
                new Dataset(dataset.imagesDir(), dataset.categories(), images),
                labels.teacherNanos(),
                labels.skipped());
    }

    private Set<AugmentedTeacher.View> views() {
        try {
            return AugmentedTeacher.View.parseAll(tta);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--tta: " + e.getMessage());
        }
    }

    /**
     * Each class's threshold chosen on the --thresholds-from set ({@link ThresholdChoice}), printed; classes the set
     * has no box of keep theirs.
     */
    private ClassThresholds chooseThresholds(Teacher teacher, ClassThresholds given) throws IOException {
        Dataset validation = thresholdsImages != null
                ? CocoDataset.read(thresholdsFrom, thresholdsImages)
                : CocoDataset.read(thresholdsFrom);
        PrintWriter console = spec.commandLine().getOut();
        List<Mat> frames = TeacherOnDataset.readImages(validation);
        TeacherOnDataset run;
        try (ProgressBar bar = ProgressBars.create("thresholds", frames.size(), " images")) {
            run = TeacherOnDataset.run(teacher, validation, frames, 1, bar::step);
        } finally {
            frames.forEach(Mat::close);
        }
        Map<String, Float> chosen = new LinkedHashMap<>(given.byClass());
        for (Category category : run.mapping().matchedCategories()) {
            ThresholdChoice.Choice choice;
            try {
                choice = ThresholdChoice.choose(validation, run.results(), category.id(), minPrecision);
            } catch (IllegalArgumentException e) {
                console.printf(
                        Locale.ROOT,
                        "threshold of %s: kept at %.2f (%s)%n",
                        category.name(),
                        given.of(category.name()),
                        e.getMessage());
                continue;
            }
            chosen.put(category.name(), choice.threshold());
            console.printf(
                    Locale.ROOT,
                    "threshold of %s: %.2f, on %d validation images precision %.3f recall %.3f F1 %.3f (%d true, %d "
                            + "false, %d boxes)%s%n",
                    category.name(),
                    choice.threshold(),
                    validation.images().size(),
                    choice.counts().precision(),
                    choice.counts().recall(),
                    choice.f1(),
                    choice.counts().truePositives(),
                    choice.counts().falsePositives(),
                    choice.counts().groundTruth(),
                    choice.reachedTarget()
                            ? ""
                            : " - no threshold reaches precision " + minPrecision + ", the most " + "precise taken");
        }
        ClassThresholds thresholds = new ClassThresholds(chosen, given.fallback());
        console.printf(Locale.ROOT, "class thresholds chosen: --class-thresh %s%n", thresholds.spec());
        return thresholds;
    }

    private static String describe(ClassThresholds thresholds) {
        String fallback = String.format(Locale.ROOT, "%.2f", thresholds.fallback());
        return thresholds.byClass().isEmpty() ? fallback : thresholds.spec() + " (others " + fallback + ")";
    }

    /** The labels cleaned by {@link TemporalConsistency}, sequence by sequence; the counts printed. */
    private AutoLabels cleanByNeighbours(AutoLabels labels) {
        TemporalConsistency filter = new TemporalConsistency(consistency, TemporalConsistency.DEFAULT_MATCH_IOU);
        int[] counts = new int[3];
        AutoLabels cleaned = cleanSequences(labels, sequence -> {
            TemporalConsistency.Result result = filter.clean(sequence);
            counts[0] += result.kept();
            counts[1] += result.ignored();
            counts[2] += result.filled();
            return result.images();
        });
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "consistency over %d frames each side: %d boxes kept, %d made ignore regions (seen in no "
                                + "neighbour), %d filled in (missed between two frames that have them)%n",
                        consistency,
                        counts[0],
                        counts[1],
                        counts[2]);
        return cleaned;
    }

    /**
     * The labelled images as runs of consecutive frames of one camera, in capture order (a video's frames are one
     * run; an extension with several cameras gives one per camera).
     */
    protected List<List<AnnotatedImage>> sequences(Dataset labels) {
        if (input.images != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--consistency and --tracks need consecutive frames: --video (or --topic, --from-labels), not "
                            + "--images");
        }
        return List.of(labels.images());
    }

    /** Where the labels go: the COCO JSON of --out (an extension may publish them instead). */
    protected void deliver(AutoLabels labels, String teacherName) throws IOException {
        CocoDataset.write(out, labels.dataset());
    }

    /** Checks that exactly one input is given and --out with it (an extension may add inputs). */
    protected void checkInput() {
        if (input == null) {
            throw new ParameterException(
                    spec.commandLine(), "give the images to label: --images DIR or --video FILE (or --from-labels)");
        }
        if (out == null) {
            throw new ParameterException(
                    spec.commandLine(), "--out COCO.json is required with --images, --video and --from-labels");
        }
    }

    /** The input in words, for the summary. */
    protected String describeInput(FrameSelection selection) {
        if (input.fromLabels != null) {
            return input.fromLabels.toString();
        }
        return input.images != null ? input.images.toString() : input.video + " (" + selection + ")";
    }

    /** The score threshold a teacher labels with unless told otherwise (docs/benchmarks.md). */
    public static float defaultThreshold(TeacherChoice choice) {
        return switch (choice) {
            case SSD -> TeacherSettings.DEFAULT_SCORE_THRESHOLD;
            case CENTERNET -> CENTERNET_SCORE_THRESHOLD;
            case ENSEMBLE -> ENSEMBLE_SCORE_THRESHOLD;
        };
    }

    private TeacherChoice.ModelFiles modelFiles(TeacherChoice choice) {
        if (teacherModel == null) {
            return teacherModels.modelFiles();
        }
        return switch (choice) {
            case SSD ->
                new TeacherChoice.ModelFiles(
                        teacherModel, teacherModels.modelFiles().centerNet());
            case CENTERNET ->
                new TeacherChoice.ModelFiles(teacherModels.modelFiles().ssd(), teacherModel);
            case ENSEMBLE ->
                throw new ParameterException(
                        spec.commandLine(),
                        "--teacher-model names one teacher's file; give the ensemble's with "
                                + "--ssd-model and --centernet-model");
        };
    }

    private TeacherChoice.EnsembleSettings ensembleSettings() {
        TeacherChoice.EnsembleSettings defaults = TeacherChoice.EnsembleSettings.defaults();
        if (ensembleWeights != null && ensembleWeights.size() != 2) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--ensemble-weights needs two weights (CenterNet, SSD), got " + ensembleWeights);
        }
        float member = memberThreshold != null ? memberThreshold : defaults.memberThreshold();
        float iou = wbfIou != null ? wbfIou : defaults.fusion().iouThreshold();
        return new TeacherChoice.EnsembleSettings(
                ensembleWeights != null ? ensembleWeights.get(0) : defaults.centerNetWeight(),
                ensembleWeights != null ? ensembleWeights.get(1) : defaults.ssdWeight(),
                member,
                new WeightedBoxFusion(iou, member));
    }

    private void checkOptions() {
        if ((thresholdsImages != null || minPrecision != null) && thresholdsFrom == null) {
            throw new ParameterException(
                    spec.commandLine(), "--thresholds-images and --min-precision go with --thresholds-from");
        }
        if (minPrecision != null && !(minPrecision > 0 && minPrecision <= 1)) {
            throw new ParameterException(spec.commandLine(), "--min-precision must be in (0, 1], got " + minPrecision);
        }
        if (input != null && input.images != null && (frames != null || every != 1 || imagesOut != null)) {
            throw new ParameterException(
                    spec.commandLine(), "--frames, --every and --images-out apply to --video only");
        }
        if (every <= 0) {
            throw new ParameterException(spec.commandLine(), "--every must be positive, got " + every);
        }
        if (input != null
                && input.fromLabels != null
                && (frames != null || every != 1 || imagesOut != null || thresholdsFrom != null || classes != null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--from-labels runs no teacher: --frames, --every, --images-out, --thresholds-from and --classes "
                            + "do not apply (give --class-thresh)");
        }
        if (tracks && consistency > 0) {
            throw new ParameterException(
                    spec.commandLine(), "--tracks and --consistency clean the labels two ways: " + "give one");
        }
        if (!(trackLow > 0 && trackLow < 1) || fillGaps < 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--track-low must lie in (0, 1) and --fill-gaps be at least 0, got " + trackLow + ", " + fillGaps);
        }
    }

    /** The images to label (an extension may read them elsewhere). */
    protected ImageSource openSource(FrameSelection selection, FrameFormat format) throws IOException {
        if (input.images != null) {
            return ImageFolderSource.open(input.images);
        }
        Path folder =
                imagesOut != null ? imagesOut : out.toAbsolutePath().getParent().resolve(DEFAULT_IMAGES_FOLDER);
        return VideoFrameSource.open(input.video, selection, folder, format);
    }

    private static ProgressBar progressBar(long expected) {
        return ProgressBars.create("autolabel", expected, " images");
    }

    private void printSummary(
            PrintWriter console, AutoLabels labels, String from, String teacherName, ClassThresholds thresholds) {
        int images = labels.dataset().images().size();
        console.printf(
                Locale.ROOT,
                "wrote %s: %d images from %s (images in %s)%n",
                out != null ? out : "labels",
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
                "pseudo-labels scoring >= %s:%s%n",
                describe(thresholds),
                perClass.length() == 0 ? " none" : perClass);
        if (input == null || input.fromLabels == null) {
            console.printf(Locale.ROOT, "teacher %s: %.1f ms per image%n", teacherName, labels.teacherMillisPerImage());
        }
    }
}
