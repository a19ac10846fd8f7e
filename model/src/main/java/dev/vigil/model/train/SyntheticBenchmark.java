package dev.vigil.model.train;

import dev.vigil.model.data.ClassMap;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.synthetic.SceneSettings;
import dev.vigil.model.data.synthetic.SyntheticDatasetWriter;
import dev.vigil.model.data.synthetic.SyntheticScenes;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.eval.EvaluationReport;
import dev.vigil.model.eval.ModelEvaluation;
import dev.vigil.model.roiheads.BoxHeadConfig;
import dev.vigil.model.transform.TransformConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The fixed synthetic benchmark: a training and a test split of {@link SyntheticScenes} (seeds {@value #TRAIN_SEED}
 * and {@value #TEST_SEED}, all five classes, objects {@value #MIN_OBJECT_HEIGHT} px tall and up (the compact model's
 * smallest anchor), 384×288), the
 * compact model trained from scratch on the first and evaluated on the second.
 */
public final class SyntheticBenchmark {

    public static final long TRAIN_SEED = 1;
    public static final long TEST_SEED = 1001;
    public static final double MIN_OBJECT_HEIGHT = 32;
    public static final int DEFAULT_TRAIN_IMAGES = 600;
    public static final int DEFAULT_TEST_IMAGES = 150;

    private final Path workDir;
    private final int trainImages;
    private final int testImages;
    private final double minObjectHeight;

    public SyntheticBenchmark(Path workDir, int trainImages, int testImages) {
        this(workDir, trainImages, testImages, MIN_OBJECT_HEIGHT);
    }

    /** @param minObjectHeight the smallest object's height in pixels (the benchmark's {@value #MIN_OBJECT_HEIGHT}) */
    public SyntheticBenchmark(Path workDir, int trainImages, int testImages, double minObjectHeight) {
        this.workDir = workDir;
        this.trainImages = trainImages;
        this.testImages = testImages;
        this.minObjectHeight = minObjectHeight;
    }

    public SceneSettings sceneSettings() {
        SceneSettings defaults = SceneSettings.defaults(SceneSettings.DEFAULT_WIDTH, SceneSettings.DEFAULT_HEIGHT);
        return defaults.withObjectHeights(minObjectHeight, defaults.maxObjectHeight());
    }

    /** The compact architecture at the benchmark's image size, for its classes. */
    public ArchitectureConfig architecture() throws IOException {
        return architecture(ArchitectureConfig.COMPACT);
    }

    /** A named architecture at the benchmark's image size, for its classes. */
    public ArchitectureConfig architecture(String arch) throws IOException {
        return ArchitectureConfig.forArch(arch)
                .withNumClasses(ClassMap.ofCategories(trainSet().categories()).numClasses())
                .withTransform(TransformConfig.torchvision()
                        .withSizes(SceneSettings.DEFAULT_HEIGHT, SceneSettings.DEFAULT_WIDTH));
    }

    /** The training split, generated on first use. */
    public Dataset trainSet() throws IOException {
        return split("train-" + trainImages, trainImages, TRAIN_SEED);
    }

    /** The test split, generated on first use. */
    public Dataset testSet() throws IOException {
        return split("test-" + testImages, testImages, TEST_SEED);
    }

    private Dataset split(String name, int images, long seed) throws IOException {
        Path dir = workDir.resolve(name + "-h" + (int) minObjectHeight);
        Path json = dir.resolve(SyntheticDatasetWriter.ANNOTATIONS_FILE);
        if (Files.isRegularFile(json)) {
            return CocoDataset.read(json);
        }
        SyntheticScenes scenes = new SyntheticScenes(sceneSettings(), seed);
        SyntheticDatasetWriter writer =
                new SyntheticDatasetWriter(dir, SyntheticDatasetWriter.ImageFormat.PNG, sceneSettings());
        for (int i = 0; i < images; i++) {
            writer.add(scenes.image(i));
        }
        return writer.finish();
    }

    /** What one variant scored. */
    public record Result(String variant, Duration trainingTime, int iterations, EvaluationReport report) {
        public double vocAreaMap() {
            return report.voc().meanAllPointAp();
        }
    }

    /** Trains {@code recipe} in {@code WORK/runs/<variant>} (resuming) and evaluates it on the test split. */
    public Result trainAndEvaluate(String variant, TrainingRecipe recipe, TrainingListener progress)
            throws IOException {
        Dataset train = trainSet();
        ClassMap classMap = ClassMap.ofCategories(train.categories());
        TrainingRun run = new TrainingRun(
                recipe,
                new TrainingData(train, classMap),
                classMap,
                workDir.resolve("runs").resolve(variant));
        TrainingRun.Result trained = run.run(
                "synthetic-" + variant,
                null,
                "synthetic benchmark " + trainImages + " images, seed " + TRAIN_SEED,
                "",
                progress);
        return new Result(variant, trained.duration(), recipe.iterations(), evaluate(trained.model()));
    }

    /** The test split's metrics of a model. */
    public EvaluationReport evaluate(ModelArtifact model) throws IOException {
        Dataset test = testSet();
        return ModelEvaluation.run(
                        model,
                        test,
                        test.images(),
                        BoxHeadConfig.DETECTIONS_PER_IMAGE,
                        null,
                        new PrintWriter(System.err, true))
                .report();
    }
}
