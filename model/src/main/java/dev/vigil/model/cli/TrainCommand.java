package dev.vigil.model.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.anchor.AnchorConfig;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.DatasetMerge;
import dev.vigil.model.data.DatasetProblems;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelVersion;
import dev.vigil.model.eval.ModelEvaluation;
import dev.vigil.model.io.Sha256;
import dev.vigil.model.roiheads.BoxHeadConfig;
import dev.vigil.model.train.FrozenLayers;
import dev.vigil.model.train.InitialWeights;
import dev.vigil.model.train.LossSettings;
import dev.vigil.model.train.TrainingData;
import dev.vigil.model.train.TrainingProgress;
import dev.vigil.model.train.TrainingRecipe;
import dev.vigil.model.train.TrainingRun;
import dev.vigil.model.train.TrainingScheme;
import dev.vigil.model.transform.TransformConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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

    @Option(
            names = "--train",
            required = true,
            paramLabel = "COCO.json",
            description = "training annotations (COCO JSON); repeat for several datasets (cameras, snapshots), "
                    + "trained as one")
    List<Path> train;

    @Option(
            names = "--train-images",
            paramLabel = "DIR",
            description = "folder of the training images, one per --train in the same order (default: each JSON's "
                    + "info.images_dir, else 'images' beside it)")
    List<Path> trainImages;

    @Option(
            names = "--init",
            paramLabel = "MODEL_DIR",
            description = "fine-tune from this model artifact (the shipped models/vigil-default, a trained model, an "
                    + "import-torchvision one): its architecture and weights, its classes first (the box predictor's "
                    + "rows of a class it lacks start afresh), a tenth of the from-scratch learning rate "
                    + "(default iterations: " + FINE_TUNING_ITERATIONS + ")")
    Path init;

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
            description = "architecture (default: " + ArchitectureConfig.COMPACT_BN + "; also vigil_compact, "
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

    @Option(
            names = "--scales",
            split = ",",
            paramLabel = "SIDE",
            description = "multi-scale training: each batch's shorter image side drawn from these, e.g. 320,384,448 "
                    + "(default: --min-size only)")
    List<Integer> scales;

    @Option(
            names = "--learning-rate",
            paramLabel = "LR",
            description = "SGD's base learning rate (default: the backbone's from-scratch rate; a tenth of it with "
                    + "--init)")
    Float learningRate;

    @Option(
            names = "--anchor-sizes",
            split = ",",
            paramLabel = "PX",
            description = "anchor sizes in pixels of the resized image: all on a single-level backbone (the compact "
                    + "models; default 32,64,128), one per level on an FPN (not with --init)")
    List<Float> anchorSizes;

    @Option(
            names = "--anchor-ratios",
            split = ",",
            paramLabel = "H/W",
            description = "anchor aspect ratios, height / width, on every level (default: 0.5,1,2; not with --init)")
    List<Float> anchorRatios;

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
    /** The default run length of {@code vigil train --init}. */
    static final int FINE_TUNING_ITERATIONS = 600;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ModelVersion.checkName(name);
        if (version != null) {
            ModelVersion.checkVersion(version);
        }
        Dataset dataset = readTrainingData();
        InitialWeights initialWeights = init == null ? null : InitialWeights.of(ModelArtifact.read(init));
        ClassMap classMap = initialWeights == null
                ? ClassMap.ofCategories(dataset.categories())
                : initialWeights.classesFor(dataset.categories());
        TrainingRecipe recipe = recipe(classMap, initialWeights);
        TrainingData data = new TrainingData(dataset, classMap);
        if (!data.unreadable().isEmpty()) {
            System.err.println("warning: " + data.unreadable().size() + " unreadable training images left out, e.g. "
                    + data.unreadable().get(0));
        }
        TrainingRun run = new TrainingRun(recipe, data, classMap, out);
        if (initialWeights != null) {
            run.startingFrom(initialWeights);
        }
        String trainDescription = train.size() == 1
                ? train.get(0).toString()
                : train.stream().map(Path::toString).collect(Collectors.joining(", "));
        System.err.printf(
                Locale.ROOT,
                "%s %s (%s, %d classes) on %d images of %s for %d iterations%n",
                initialWeights == null ? "training" : "fine-tuning " + init + ":",
                recipe.architecture().arch(),
                recipe.scheme().name().toLowerCase(Locale.ROOT),
                classMap.numClasses() - 1,
                data.size(),
                trainDescription,
                recipe.iterations());
        TrainingRun.Result result;
        try (TrainingProgress progress = new TrainingProgress()) {
            result = run.run(name, version, trainDescription, dataSha256(), progress);
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

    /** The --train datasets, merged when there are several (image ids kept apart, categories matched by name). */
    private Dataset readTrainingData() throws IOException {
        if (trainImages != null && trainImages.size() != train.size()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--train-images must be given once per --train (" + train.size() + " datasets, "
                            + trainImages.size() + " image folders)");
        }
        List<Dataset> datasets = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            DatasetProblems problems = new DatasetProblems();
            datasets.add(CocoDataset.read(train.get(i), trainImages == null ? null : trainImages.get(i), problems));
            if (!problems.isEmpty()) {
                System.err.println(train.get(i) + ": " + problems.summary());
            }
        }
        Dataset merged = DatasetMerge.merge(datasets);
        long boxes = merged.images().stream().mapToLong(i -> i.boxes().size()).sum();
        if (merged.categories().isEmpty() || boxes == 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "the training data (" + train + ") has no labelled boxes ("
                            + merged.images().size()
                            + " images, " + merged.categories().size() + " categories): label the frames first "
                            + "(vigil autolabel, vigil labels import)");
        }
        return merged;
    }

    /** The anchors of --anchor-sizes and --anchor-ratios, the architecture's where one is not given. */
    private AnchorConfig anchors(AnchorConfig current) {
        int levels = current.levels();
        List<float[]> sizes = current.sizes();
        if (anchorSizes != null) {
            if (anchorSizes.isEmpty() || anchorSizes.stream().anyMatch(size -> !(size > 0))) {
                throw new ParameterException(spec.commandLine(), "--anchor-sizes must be positive, got " + anchorSizes);
            }
            if (levels == 1) {
                sizes = List.of(toArray(anchorSizes));
            } else if (anchorSizes.size() == levels) {
                sizes = anchorSizes.stream().map(size -> new float[] {size}).toList();
            } else {
                throw new ParameterException(
                        spec.commandLine(),
                        "--anchor-sizes: this architecture has " + levels + " feature levels, one size each; got "
                                + anchorSizes);
            }
        }
        List<float[]> ratios = current.aspectRatios();
        if (anchorRatios != null) {
            if (anchorRatios.isEmpty() || anchorRatios.stream().anyMatch(ratio -> !(ratio > 0))) {
                throw new ParameterException(
                        spec.commandLine(), "--anchor-ratios must be positive, got " + anchorRatios);
            }
            ratios = Collections.nCopies(levels, toArray(anchorRatios));
        }
        return new AnchorConfig(sizes, ratios);
    }

    private static float[] toArray(List<Float> values) {
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    /** The data's digest: the single file's SHA-256, or that of the files' digests in order. */
    private String dataSha256() throws IOException {
        if (train.size() == 1) {
            return Sha256.of(train.get(0));
        }
        StringBuilder digests = new StringBuilder();
        for (Path file : train) {
            digests.append(Sha256.of(file)).append('\n');
        }
        return Sha256.of(digests.toString().getBytes(StandardCharsets.UTF_8));
    }

    private TrainingRecipe recipe(ClassMap classMap, InitialWeights initialWeights) throws IOException {
        TrainingRecipe recipe;
        if (initialWeights != null) {
            if (recipeFile != null || arch != null) {
                throw new ParameterException(
                        spec.commandLine(), "--init takes the architecture from the model; drop --recipe and --arch");
            }
            recipe = TrainingRecipe.fineTuning(
                    initialWeights.architectureFor(classMap.names()),
                    iterations == null ? FINE_TUNING_ITERATIONS : iterations,
                    seed == null ? 1 : seed);
        } else if (recipeFile != null) {
            recipe = new ObjectMapper().readValue(recipeFile.toFile(), TrainingRecipe.class);
        } else {
            ArchitectureConfig architecture = ArchitectureConfig.forArch(
                            arch == null ? ArchitectureConfig.COMPACT_BN : arch)
                    .withNumClasses(classMap.numClasses());
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
        if (scales != null) {
            if (scales.stream().anyMatch(side -> side <= 0)) {
                throw new ParameterException(spec.commandLine(), "--scales must be positive, got " + scales);
            }
            recipe = recipe.withScales(scales);
        }
        if (learningRate != null) {
            if (!(learningRate > 0)) {
                throw new ParameterException(
                        spec.commandLine(), "--learning-rate must be positive, got " + learningRate);
            }
            recipe = recipe.withLearningRate(learningRate);
        }
        if (anchorSizes != null || anchorRatios != null) {
            if (initialWeights != null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--init keeps the model's anchors: drop --anchor-sizes and --anchor-ratios");
            }
            recipe = recipe.withArchitecture(recipe.architecture()
                    .withAnchors(anchors(recipe.architecture().anchors())));
        }
        if (loss != null) {
            recipe = recipe.withLoss(LossSettings.named(loss));
        }
        return recipe;
    }
}
