package dev.vigil.model.cli;

import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.eval.ClassCategoryMapping;
import dev.vigil.model.eval.CocoEvaluation;
import dev.vigil.model.eval.CocoEvaluator;
import dev.vigil.model.eval.ImageDetectionResult;
import dev.vigil.model.eval.ThresholdChoice;
import dev.vigil.model.eval.ThresholdPrecisionRecall;
import dev.vigil.model.teacher.AugmentedTeacher;
import dev.vigil.model.teacher.Teacher;
import dev.vigil.model.teacher.TeacherChoice;
import dev.vigil.model.teacher.TeacherLabelMap;
import dev.vigil.model.teacher.TeacherSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench teachers}: each teacher against hand-checked ground truth: COCO AP and AP50 per class (from
 * detections down to a low score), precision and recall at given score thresholds (IoU 0.5, ignore regions
 * respected) and the threshold of best F1, and time per image; or the same figures of a labels file.
 */
@Command(
        name = "teachers",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the teachers (ssd, centernet, ensemble) on a hand-labelled COCO dataset: COCO AP / AP50 per "
                    + "class, precision / recall at score thresholds (IoU 0.5), and milliseconds per image.",
            "Default dataset: the hand-checked vtest.avi frames 600-794 (scripts/extract-gt-frames.sh writes the "
                    + "images)."
        })
public final class BenchTeachersCommand implements Callable<Integer> {

    /** Detections down to this score enter the AP computation. */
    static final float AP_SCORE_FLOOR = 0.05f;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "COCO.json", description = "ground truth (default: ${DEFAULT-VALUE})")
    Path dataset = Path.of("model/src/test/resources/groundtruth/vtest-600-794/annotations.json");

    @Option(names = "--images", paramLabel = "DIR", description = "the dataset's images (default: ${DEFAULT-VALUE})")
    Path images = Path.of("data/groundtruth/vtest-600-794/images");

    @Option(
            names = "--teachers",
            split = ",",
            paramLabel = "NAME",
            description = "teachers to measure (default: ssd,centernet,ensemble)")
    List<String> teachers = List.of("ssd", "centernet", "ensemble");

    @Option(
            names = "--thresholds",
            split = ",",
            paramLabel = "SCORE",
            description = "score thresholds for precision / recall (default: 0.3,0.4,0.5)")
    List<Float> thresholds = List.of(0.3f, 0.4f, 0.5f);

    @Option(names = "--rounds", defaultValue = "1", description = "passes over the images (timing; default: 1)")
    int rounds;

    /** Where models/teacher/ is; the working directory, as for ./vigil. */
    Path modelRoot = Path.of("");

    @Option(names = "--max-images", paramLabel = "N", description = "use only the dataset's first N images")
    Integer maxImages;

    @Option(
            names = "--tta",
            paramLabel = "VIEWS",
            defaultValue = "none",
            description =
                    "test-time augmentation of every teacher model: any of flip, tiles, tiles3 comma-separated, or none "
                            + "(default: ${DEFAULT-VALUE}; see vigil autolabel --help)")
    String tta;

    @Option(
            names = "--labels",
            paramLabel = "COCO.json",
            description = "measure this labels file (vigil autolabel's output over the dataset's frames) instead of "
                    + "running teachers; its images are matched to the dataset's by the frame number that ends their "
                    + "names (vtest_f000600.jpg is vtest_000600.jpg); its ignore regions are not detections")
    Path labels;

    @Option(
            names = "--consistency",
            paramLabel = "K",
            defaultValue = "0",
            description =
                    "with --labels: first clean the labels by their neighbouring frames, as vigil autolabel "
                            + "--consistency K does (the file must hold consecutive frames in order; default: ${DEFAULT-VALUE})")
    int consistency;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(images)) {
            throw new NoSuchFileException(images.toString(), null, "images missing; run scripts/extract-gt-frames.sh");
        }
        Dataset truth = CocoDataset.read(dataset, images);
        if (maxImages != null) {
            truth = new Dataset(
                    truth.imagesDir(),
                    truth.categories(),
                    truth.images().subList(0, Math.min(maxImages, truth.images().size())));
        }
        PrintWriter console = spec.commandLine().getOut();
        if (labels != null) {
            LabelsAgainstTruth measured = LabelsAgainstTruth.of(truth, CocoDataset.read(labels), consistency);
            console.printf(
                    Locale.ROOT,
                    "%d images of %s in %s%s%n",
                    measured.matchedImages(),
                    dataset,
                    labels,
                    consistency > 0 ? " (consistency over " + consistency + " frames each side)" : "");
            report(
                    console,
                    labels.getFileName().toString(),
                    measured.mapping(),
                    measured.truth(),
                    measured.results(),
                    null);
            return 0;
        }
        Set<AugmentedTeacher.View> views = AugmentedTeacher.View.parseAll(tta);
        List<Mat> frames = TeacherOnDataset.readImages(truth);
        console.printf(Locale.ROOT, "%d images, %s%n", frames.size(), dataset);
        for (String name : teachers) {
            TeacherChoice choice = TeacherChoice.parse(name);
            TeacherSettings settings = TeacherSettings.defaults().withScoreThreshold(AP_SCORE_FLOOR);
            try (Teacher teacher = choice.open(
                    TeacherChoice.ModelFiles.under(modelRoot),
                    settings,
                    TeacherLabelMap.parse(TeacherChoice.DEFAULT_LABEL_MAP),
                    TeacherChoice.EnsembleSettings.defaults(),
                    views)) {
                TeacherOnDataset run = TeacherOnDataset.run(teacher, truth, frames, rounds, () -> {});
                report(
                        console,
                        choice + " (" + teacher.name() + ")",
                        run.mapping(),
                        truth,
                        run.results(),
                        run.millisPerImage());
            }
        }
        frames.forEach(Mat::close);
        return 0;
    }

    private void report(
            PrintWriter console,
            String name,
            ClassCategoryMapping mapping,
            Dataset truth,
            List<ImageDetectionResult> results,
            Double millisPerImage) {
        CocoEvaluation coco = new CocoEvaluator().evaluate(truth, results);
        console.printf(
                Locale.ROOT,
                "%n%s: %sCOCO AP %.3f, AP50 %.3f%n",
                name,
                millisPerImage == null ? "" : String.format(Locale.ROOT, "%.1f ms per image; ", millisPerImage),
                coco.averagePrecision(CocoEvaluation.ALL_IOU_THRESHOLDS, "all", 100),
                coco.averagePrecision(0.5, "all", 100));
        for (Category category : mapping.matchedCategories()) {
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "  %-7s AP %.3f AP50 %.3f |",
                    category.name(),
                    coco.categoryAveragePrecision(category.id(), CocoEvaluation.ALL_IOU_THRESHOLDS),
                    coco.categoryAveragePrecision(category.id(), 0.5)));
            for (float threshold : thresholds) {
                line.append(' ')
                        .append(describe(
                                threshold,
                                ThresholdPrecisionRecall.of(
                                        truth, results, category.id(), threshold, ThresholdChoice.MATCH_IOU)))
                        .append(" |");
            }
            try {
                ThresholdChoice.Choice best = ThresholdChoice.choose(truth, results, category.id(), null);
                line.append(" best F1 ")
                        .append(String.format(Locale.ROOT, "%.2f ", best.f1()))
                        .append(describe(best.threshold(), best.counts()));
            } catch (IllegalArgumentException e) {
                line.append(" best F1: none (").append(e.getMessage()).append(')');
            }
            console.println(line);
        }
        console.flush();
    }

    private static String describe(float threshold, ThresholdPrecisionRecall pr) {
        return String.format(
                Locale.ROOT,
                ">=%.2f P %.2f R %.2f (%d TP, %d FP, %d GT)",
                threshold,
                pr.precision(),
                pr.recall(),
                pr.truePositives(),
                pr.falsePositives(),
                pr.groundTruth());
    }
}
