package dev.vigil.model.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.DatasetProblems;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ModelVersion;
import dev.vigil.model.eval.ModelEvaluation;
import dev.vigil.model.io.Sha256;
import dev.vigil.model.roiheads.BoxHeadConfig;
import dev.vigil.model.train.FrozenLayers;
import dev.vigil.model.train.LossSettings;
import dev.vigil.model.train.LossValues;
import dev.vigil.model.train.TrainingData;
import dev.vigil.model.train.TrainingListener;
import dev.vigil.model.train.TrainingPhase;
import dev.vigil.model.train.TrainingRecipe;
import dev.vigil.model.train.TrainingRun;
import dev.vigil.model.train.TrainingScheme;
import dev.vigil.model.transform.TransformConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil train}: trains a Faster R-CNN model artifact on a COCO dataset. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a Faster R-CNN on a COCO dataset (e.g. from `vigil snapshot`, `vigil synth` or",
            "`vigil autolabel`). Writes RUN/recipe.json, RUN/train-log.jsonl (JSON lines), RUN/loss-curve.png,",
            "RUN/checkpoints/ (re-running the same command resumes) and the model artifact RUN/model/."
        })
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--train", required = true, description = "training annotations (COCO JSON)")
    Path train;

    @Option(
            names = "--train-images",
            description =
                    "folder of the training images (default: the JSON's " + "info.images_dir, else 'images' beside it)")
    Path trainImages;

    @Option(
            names = "--val",
            description = "validation annotations (COCO JSON), evaluated after training; the "
                    + "metrics go into the model's training.json")
    Path val;

    @Option(names = "--val-images", description = "folder of the validation images")
    Path valImages;

    @Option(names = "--out", required = true, description = "run folder")
    Path out;

    @Option(
            names = "--recipe",
            description = "a recipe.json to train with (as written by an earlier run); "
                    + "other options then only override what they name")
    Path recipeFile;

    @Option(
            names = "--arch",
            defaultValue = ArchitectureConfig.COMPACT_BN,
            description = "architecture (default: ${DEFAULT-VALUE}; also vigil_compact, "
                    + "fasterrcnn_mobilenet_v3_large_fpn, fasterrcnn_resnet50_fpn, vgg16, or a registered backbone's "
                    + "name with torchvision's numbers)")
    String arch;

    @Option(
            names = "--scheme",
            description = "joint (approximate joint training) or alternating (the paper's " + "4 steps); default joint")
    TrainingScheme scheme;

    @Option(names = "--iterations", description = "SGD iterations (default 3000)")
    Integer iterations;

    @Option(names = "--min-size", description = "shorter image side the images are scaled to")
    Integer minSize;

    @Option(names = "--max-size", description = "longest image side")
    Integer maxSize;

    @Option(names = "--loss", description = "paper or torchvision loss normalisation (default torchvision)")
    String loss;

    @Option(
            names = "--trainable-backbone-layers",
            description = "ResNet/MobileNet: train only the top K backbone "
                    + "layers, as torchvision (default: all, since no pretrained weights are loaded); VGG-16 always freezes "
                    + "conv1-conv2 as the paper")
    Integer trainableBackboneLayers;

    @Option(names = "--seed", description = "random seed (default 1)")
    Long seed;

    @Option(
            names = "--name",
            defaultValue = "vigil-model",
            description = "the model's name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(
            names = "--version",
            description = "the model's version (default: the day training finished and the first "
                    + ModelVersion.DIGEST_DIGITS + " hex digits of the weights' SHA-256, e.g. 2026-12-07-3fa9c2d1)")
    String version;

    /** The default run length of {@code vigil train}. */
    static final int DEFAULT_ITERATIONS = 3000;

    @Override
    public Integer call() throws Exception {
        ModelVersion.checkName(name);
        if (version != null) {
            ModelVersion.checkVersion(version);
        }
        DatasetProblems problems = new DatasetProblems();
        Dataset dataset = CocoDataset.read(train, trainImages, problems);
        if (!problems.isEmpty()) {
            System.err.println(train + ": " + problems.summary());
        }
        ClassMap classMap = ClassMap.ofCategories(dataset.categories());
        TrainingRecipe recipe = recipe(classMap);
        TrainingData data = new TrainingData(dataset, classMap);
        if (!data.unreadable().isEmpty()) {
            System.err.println("warning: " + data.unreadable().size() + " unreadable training images left out, e.g. "
                    + data.unreadable().get(0));
        }
        TrainingRun run = new TrainingRun(recipe, data, classMap, out);
        System.err.printf(
                Locale.ROOT,
                "training %s (%s, %d classes) on %d images of %s for %d iterations%n",
                recipe.architecture().arch(),
                recipe.scheme().name().toLowerCase(Locale.ROOT),
                classMap.numClasses() - 1,
                data.size(),
                train,
                recipe.iterations());
        TrainingRun.Result result;
        try (ProgressReporter progress = new ProgressReporter()) {
            result = run.run(name, version, train.toString(), Sha256.of(train), progress);
        }
        System.err.printf(
                Locale.ROOT,
                "trained in %ds; model: %s (%s %s); loss curve: %s%n",
                result.duration().toSeconds(),
                result.model().directory(),
                result.model().info().name(),
                result.model().info().version(),
                result.lossCurve());
        if (val != null) {
            validate(result);
        }
        return 0;
    }

    private void validate(TrainingRun.Result result) throws java.io.IOException {
        Dataset validation = CocoDataset.read(val, valImages);
        ModelEvaluation.Outcome outcome = ModelEvaluation.run(
                result.model(),
                validation,
                validation.images(),
                BoxHeadConfig.DETECTIONS_PER_IMAGE,
                null,
                new java.io.PrintWriter(System.err, true));
        System.out.print(outcome.report().table());
        System.out.flush();
        TrainingRun.addValidation(
                result.model(),
                val,
                valImages != null ? valImages : validation.imagesDir(),
                new ObjectMapper().convertValue(outcome.report().toJson(), java.util.Map.class));
    }

    private TrainingRecipe recipe(ClassMap classMap) throws java.io.IOException {
        TrainingRecipe recipe;
        if (recipeFile != null) {
            recipe = new ObjectMapper().readValue(recipeFile.toFile(), TrainingRecipe.class);
        } else {
            ArchitectureConfig architecture = ArchitectureConfig.forArch(arch).withNumClasses(classMap.numClasses());
            recipe = TrainingRecipe.fromScratch(
                    architecture, iterations == null ? DEFAULT_ITERATIONS : iterations, seed == null ? 1 : seed);
        }
        if (recipe.architecture().numClasses() != classMap.numClasses()) {
            recipe = recipe.withArchitecture(recipe.architecture().withNumClasses(classMap.numClasses()));
        }
        if (minSize != null || maxSize != null) {
            TransformConfig transform = recipe.architecture().transform();
            recipe = recipe.withArchitecture(recipe.architecture()
                    .withTransform(transform.withSizes(
                            minSize == null ? transform.minSize() : minSize,
                            maxSize == null ? transform.maxSize() : maxSize)));
        }
        List<String> frozen = trainableBackboneLayers == null
                ? FrozenLayers.defaults(recipe.architecture())
                : FrozenLayers.forArchitecture(recipe.architecture(), trainableBackboneLayers);
        if (trainableBackboneLayers != null || !frozen.isEmpty()) {
            recipe = recipe.withFrozenPrefixes(frozen);
        }
        if (scheme != null) {
            recipe = recipe.withScheme(scheme);
        }
        if (loss != null) {
            recipe = recipe.withLoss(LossSettings.named(loss));
        }
        return recipe;
    }

    /** A progress bar per phase with the smoothed losses, images/s and the ETA. */
    static final class ProgressReporter implements TrainingListener, AutoCloseable {

        private ProgressBar bar;
        private double smoothedTotal = Double.NaN;

        @Override
        public void phaseStarted(TrainingPhase phase, int done) {
            bar = new ProgressBarBuilder()
                    .setTaskName(phase.name())
                    .setInitialMax(phase.iterations())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" it", 1)
                    .showSpeed()
                    .startsFrom(done, java.time.Duration.ZERO)
                    .build();
        }

        @Override
        public void iteration(
                TrainingPhase phase, int iteration, LossValues losses, float learningRate, double imagesPerSecond) {
            smoothedTotal = Double.isNaN(smoothedTotal) ? losses.total() : 0.95 * smoothedTotal + 0.05 * losses.total();
            bar.stepTo(iteration + 1);
            bar.setExtraMessage(String.format(
                    Locale.ROOT,
                    " loss %.3f (rpn %.3f/%.3f head %.3f/%.3f) lr %.4f %.1f img/s",
                    smoothedTotal,
                    losses.rpnObjectness(),
                    losses.rpnBox(),
                    losses.classifier(),
                    losses.boxRegression(),
                    learningRate,
                    imagesPerSecond));
        }

        @Override
        public void phaseEnded(TrainingPhase phase) {
            close();
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
