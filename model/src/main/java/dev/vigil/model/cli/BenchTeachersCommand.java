package dev.vigil.model.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.eval.ClassCategoryMapping;
import dev.vigil.model.eval.CocoEvaluation;
import dev.vigil.model.eval.CocoEvaluator;
import dev.vigil.model.eval.ImageDetectionResult;
import dev.vigil.model.eval.ThresholdPrecisionRecall;
import dev.vigil.model.teacher.Teacher;
import dev.vigil.model.teacher.TeacherChoice;
import dev.vigil.model.teacher.TeacherLabelMap;
import dev.vigil.model.teacher.TeacherSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench teachers}: each teacher against hand-checked ground truth: COCO AP and AP50 per class (from
 * detections down to a low score), precision and recall at given score thresholds (IoU 0.5, ignore regions
 * respected), and time per image.
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
        List<Mat> frames = new ArrayList<>();
        for (AnnotatedImage image : truth.images()) {
            Mat mat = imread(truth.imagePath(image).toString());
            if (mat.empty()) {
                throw new IOException("cannot read image " + truth.imagePath(image));
            }
            frames.add(mat);
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "%d images, %s%n", frames.size(), dataset);
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        for (String name : teachers) {
            TeacherChoice choice = TeacherChoice.parse(name);
            TeacherSettings settings = TeacherSettings.defaults().withScoreThreshold(AP_SCORE_FLOOR);
            try (Teacher teacher = choice.open(
                    TeacherChoice.ModelFiles.under(modelRoot),
                    settings,
                    TeacherLabelMap.parse(TeacherChoice.DEFAULT_LABEL_MAP),
                    TeacherChoice.EnsembleSettings.defaults())) {
                measure(console, choice.toString(), teacher, truth, frames);
            }
        }
        frames.forEach(Mat::close);
        return 0;
    }

    private void measure(PrintWriter console, String name, Teacher teacher, Dataset truth, List<Mat> frames) {
        List<String> classes = new ArrayList<>(List.of("__background__"));
        classes.addAll(teacher.classNames());
        ClassCategoryMapping mapping = ClassCategoryMapping.byName(classes, truth.categories());
        teacher.detect(frames.get(0)); // warm-up
        List<ImageDetectionResult> results = new ArrayList<>();
        long nanos = 0;
        for (int round = 0; round < rounds; round++) {
            results.clear();
            for (int i = 0; i < frames.size(); i++) {
                long start = System.nanoTime();
                List<DetectedObject> detections = teacher.detect(frames.get(i));
                nanos += System.nanoTime() - start;
                results.add(mapping.toResult(truth.images().get(i).id(), detections, Integer.MAX_VALUE));
            }
        }
        CocoEvaluation coco = new CocoEvaluator().evaluate(truth, results);
        console.printf(
                Locale.ROOT,
                "%n%s (%s): %.1f ms per image; COCO AP %.3f, AP50 %.3f%n",
                name,
                teacher.name(),
                nanos / 1e6 / (frames.size() * (double) rounds),
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
                ThresholdPrecisionRecall pr =
                        ThresholdPrecisionRecall.of(truth, results, category.id(), threshold, 0.5);
                line.append(String.format(
                        Locale.ROOT,
                        " >=%.2f P %.2f R %.2f (%d TP, %d FP, %d GT) |",
                        threshold,
                        pr.precision(),
                        pr.recall(),
                        pr.truePositives(),
                        pr.falsePositives(),
                        pr.groundTruth()));
            }
            console.println(line);
        }
        console.flush();
    }
}
