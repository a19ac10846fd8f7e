package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelVersion;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.io.Sha256;
import dev.vigil.model.train.TrainingFixtures;
import dev.vigil.model.train.TrainingLog;
import dev.vigil.model.train.TrainingRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil train} end to end on a small dataset: every output, validation metrics, resumption, bad input. */
class TrainCommandTest {

    @TempDir
    Path dir;

    private int train(StringWriter errors, String... args) {
        CommandLine cli = new CommandLine(new TrainCommand())
                .setErr(new PrintWriter(errors, true))
                .setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }

    @Test
    void writesTheModelItsProvenanceTheLogAndTheLossCurveAndResumes() throws Exception {
        Path train = TrainingFixtures.cocoDataset(dir.resolve("train"), 4, 10);
        Path val = TrainingFixtures.cocoDataset(dir.resolve("val"), 2, 50);
        Path run = dir.resolve("run");
        String[] args = {
            "--train",
            train.toString(),
            "--val",
            val.toString(),
            "--out",
            run.toString(),
            "--iterations",
            "6",
            "--min-size",
            "" + TrainingFixtures.HEIGHT,
            "--max-size",
            "" + TrainingFixtures.WIDTH,
            "--name",
            "fixture-model"
        };
        StringWriter errors = new StringWriter();
        assertThat(train(errors, args)).as(errors.toString()).isZero();

        assertThat(Files.readAllLines(run.resolve(TrainingLog.FILE))).hasSize(6);
        byte[] png = Files.readAllBytes(run.resolve("loss-curve.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        Path model = run.resolve(TrainingRun.MODEL_DIR);
        JsonNode provenance = new ObjectMapper()
                .readTree(model.resolve(TrainingRun.PROVENANCE).toFile());
        assertThat(provenance.path("data").asText()).isEqualTo(train.toString());
        assertThat(provenance.path("data_sha256").asText()).hasSize(64);
        assertThat(provenance.path("recipe").path("iterations").asInt()).isEqualTo(6);
        assertThat(provenance.path("validation").path("AP50").isNumber()).isTrue();
        assertThat(provenance.path("validation").path("per_class").has("square"))
                .isTrue();
        assertThat(provenance.path("validation_dataset").path("path").asText())
                .as("the metrics name the dataset they come from")
                .isEqualTo(val.toAbsolutePath().toString());
        assertThat(provenance.path("validation_dataset").path("sha256").asText())
                .isEqualTo(Sha256.of(val));
        double trainingSeconds = provenance.path("duration_s").asDouble();
        assertThat(trainingSeconds).isPositive();
        ModelArtifact trained = ModelArtifact.read(model);
        assertThat(trained.hasManifest()).isTrue();
        assertThat(trained.info().version())
                .as("the default version: the day training finished and the weights' digest")
                .isEqualTo(provenance.path("finished").asText().substring(0, 10) + "-"
                        + trained.weightsSha256().substring(0, ModelVersion.DIGEST_DIGITS));
        try (Detector detector = Detector.load(model)) {
            assertThat(detector.classNames()).containsExactly("__background__", "square", "bar");
            detector.detect(List.of(new ImageDecoder().read(dir.resolve("val/images/scene-0.png"))));
        }

        assertThat(train(new StringWriter(), args)).isZero();
        assertThat(Files.readAllLines(run.resolve(TrainingLog.FILE)))
                .as("a finished run is not trained again")
                .hasSize(6);
        JsonNode again = new ObjectMapper()
                .readTree(model.resolve(TrainingRun.PROVENANCE).toFile());
        assertThat(again.path("duration_s").asDouble())
                .as("running a finished run again keeps its training time")
                .isEqualTo(trainingSeconds);
        ModelArtifact rewritten = ModelArtifact.read(model);
        assertThat(rewritten.info().version()).isEqualTo(trained.info().version());
        assertThat(rewritten.weightsSha256()).isEqualTo(trained.weightsSha256());
    }

    @Test
    void fineTunesFromATrainedModelOnMergedDatasetsKeepingItsClassesAndAddingNewOnes() throws Exception {
        Path first = TrainingFixtures.cocoDataset(dir.resolve("first"), 2, 10);
        Path second = TrainingFixtures.cocoDataset(dir.resolve("second"), 3, 30);
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode coco =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(second.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) coco.get("categories").get(1)).put("name", "disc");
        json.writeValue(second.toFile(), coco);
        Path base = dir.resolve("base");
        assertThat(train(new StringWriter(), quickRun(first, base, "2", "1"))).isZero();

        Path tuned = dir.resolve("tuned");
        StringWriter errors = new StringWriter();
        int exit = train(
                errors,
                "--init",
                base.resolve(TrainingRun.MODEL_DIR).toString(),
                "--train",
                first.toString(),
                "--train",
                second.toString(),
                "--out",
                tuned.toString(),
                "--iterations",
                "2",
                "--min-size",
                "" + TrainingFixtures.HEIGHT,
                "--max-size",
                "" + TrainingFixtures.WIDTH,
                "--name",
                "tuned");

        assertThat(exit).as(errors.toString()).isZero();
        ModelArtifact model = ModelArtifact.read(tuned.resolve(TrainingRun.MODEL_DIR));
        assertThat(model.classNames())
                .as("the model's classes first, the second dataset's new one after them")
                .containsExactly("__background__", "square", "bar", "disc");
        JsonNode provenance = json.readTree(tuned.resolve(TrainingRun.MODEL_DIR)
                .resolve(TrainingRun.PROVENANCE)
                .toFile());
        assertThat(provenance.path("images").asInt())
                .as("both datasets, image ids kept apart")
                .isEqualTo(5);
        assertThat(provenance.path("init").path("weights_sha256").asText())
                .isEqualTo(
                        ModelArtifact.read(base.resolve(TrainingRun.MODEL_DIR)).weightsSha256());
        JsonNode baseRecipe = json.readTree(base.resolve(TrainingRun.RECIPE).toFile());
        JsonNode tunedRecipe = json.readTree(tuned.resolve(TrainingRun.RECIPE).toFile());
        assertThat(tunedRecipe.path("sgd").path("learningRate").floatValue())
                .as("a tenth of the from-scratch learning rate")
                .isEqualTo(baseRecipe.path("sgd").path("learningRate").floatValue() * 0.1f);
    }

    @Test
    void aDatasetWithoutBoxesIsRefusedSayingSo() throws Exception {
        Path empty = dir.resolve("empty/annotations.json");
        Files.createDirectories(empty.getParent().resolve("images"));
        Files.writeString(empty, "{\"images\": [], \"annotations\": [], \"categories\": []}");
        StringWriter errors = new StringWriter();
        assertThat(train(
                        errors,
                        "--train",
                        empty.toString(),
                        "--out",
                        dir.resolve("run").toString()))
                .isNotZero();
        assertThat(errors.toString()).contains("no labelled boxes").contains("vigil autolabel");
    }

    @Test
    void aFinishedRunResumedWithAChangedRecipeIsRefusedAndKeepsItsRecipe() throws Exception {
        Path train = TrainingFixtures.cocoDataset(dir.resolve("train"), 2, 10);
        Path run = dir.resolve("run");
        assertThat(train(new StringWriter(), quickRun(train, run, "2", "1"))).isZero();
        String recipeBefore = Files.readString(run.resolve(TrainingRun.RECIPE));

        StringWriter errors = new StringWriter();
        assertThat(train(errors, quickRun(train, run, "3", "1"))).isNotZero();
        assertThat(errors.toString())
                .contains(run.toString())
                .contains("finished")
                .contains("iterations 2 -> 3")
                .contains("--recipe " + run.resolve(TrainingRun.RECIPE))
                .contains("another --out");
        assertThat(Files.readAllLines(run.resolve(TrainingLog.FILE)))
                .as("nothing was trained")
                .hasSize(2);
        assertThat(Files.readString(run.resolve(TrainingRun.RECIPE)))
                .as("the run keeps the recipe it was trained with")
                .isEqualTo(recipeBefore);
        JsonNode provenance = new ObjectMapper()
                .readTree(run.resolve(TrainingRun.MODEL_DIR)
                        .resolve(TrainingRun.PROVENANCE)
                        .toFile());
        assertThat(provenance.path("recipe").path("iterations").asInt()).isEqualTo(2);

        assertThat(train(
                        new StringWriter(),
                        "--recipe",
                        run.resolve(TrainingRun.RECIPE).toString(),
                        "--train",
                        train.toString(),
                        "--out",
                        run.toString()))
                .as("the run's own recipe resumes it")
                .isZero();
    }

    @Test
    void twoModelsTrainedTheSameDayGetDifferentVersionsUnlessOneIsGiven() throws Exception {
        Path train = TrainingFixtures.cocoDataset(dir.resolve("train"), 2, 10);
        assertThat(train(new StringWriter(), quickRun(train, dir.resolve("a"), "1", "1")))
                .isZero();
        assertThat(train(new StringWriter(), quickRun(train, dir.resolve("b"), "1", "2")))
                .isZero();
        ModelArtifact a = ModelArtifact.read(dir.resolve("a").resolve(TrainingRun.MODEL_DIR));
        ModelArtifact b = ModelArtifact.read(dir.resolve("b").resolve(TrainingRun.MODEL_DIR));
        assertThat(a.info().version().substring(0, 10))
                .isEqualTo(b.info().version().substring(0, 10));
        assertThat(a.info().version()).isNotEqualTo(b.info().version());

        String[] withVersion = quickRun(train, dir.resolve("c"), "1", "3");
        withVersion = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(withVersion), java.util.stream.Stream.of("--version", "lobby-v2"))
                .toArray(String[]::new);
        assertThat(train(new StringWriter(), withVersion)).isZero();
        assertThat(ModelArtifact.read(dir.resolve("c").resolve(TrainingRun.MODEL_DIR))
                        .info()
                        .version())
                .isEqualTo("lobby-v2");

        StringWriter errors = new StringWriter();
        assertThat(train(
                        errors,
                        "--train",
                        train.toString(),
                        "--out",
                        dir.resolve("d").toString(),
                        "--version",
                        "../v1"))
                .isNotZero();
        assertThat(errors.toString()).contains("model version '../v1'");
    }

    private static String[] quickRun(Path train, Path run, String iterations, String seed) {
        return new String[] {
            "--train",
            train.toString(),
            "--out",
            run.toString(),
            "--iterations",
            iterations,
            "--seed",
            seed,
            "--min-size",
            "" + TrainingFixtures.HEIGHT,
            "--max-size",
            "" + TrainingFixtures.WIDTH
        };
    }

    @Test
    void anchorsScalesAndTheLearningRateGivenAreTrainedWithAndKeptInTheModel() throws Exception {
        Path train = TrainingFixtures.cocoDataset(dir.resolve("train"), 2, 10);
        Path run = dir.resolve("run");
        StringWriter errors = new StringWriter();
        String[] args = quickRun(train, run, "2", "1");
        String[] more = {
            "--arch",
            "vigil_compact",
            "--anchor-sizes",
            "16,32,64,128",
            "--anchor-ratios",
            "1,2,3",
            "--scales",
            (TrainingFixtures.HEIGHT - 32) + "," + TrainingFixtures.HEIGHT,
            "--learning-rate",
            "0.002"
        };
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more))
                .toArray(String[]::new);

        assertThat(train(errors, all)).as(errors.toString()).isZero();

        JsonNode recipe =
                new ObjectMapper().readTree(run.resolve(TrainingRun.RECIPE).toFile());
        JsonNode anchors = recipe.path("architecture").path("anchors");
        assertThat(anchors.path("sizes").toString()).isEqualTo("[[16.0,32.0,64.0,128.0]]");
        assertThat(anchors.path("aspectRatios").toString()).isEqualTo("[[1.0,2.0,3.0]]");
        assertThat(recipe.path("scales").toString())
                .isEqualTo("[" + (TrainingFixtures.HEIGHT - 32) + "," + TrainingFixtures.HEIGHT + "]");
        assertThat(recipe.path("sgd").path("learningRate").floatValue()).isEqualTo(0.002f);
        try (Detector detector = Detector.load(run.resolve(TrainingRun.MODEL_DIR))) {
            assertThat(detector.config().anchors().toGenerator().anchorsPerLocation())
                    .as("12 anchors per location: the RPN was built for them")
                    .containsExactly(12);
        }
        StringWriter refused = new StringWriter();
        assertThat(train(
                        refused,
                        "--train",
                        train.toString(),
                        "--out",
                        dir.resolve("bad").toString(),
                        "--arch",
                        "vigil_compact",
                        "--anchor-sizes",
                        "16,0"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(refused.toString()).contains("--anchor-sizes must be positive");
    }

    @Test
    void aMissingAnnotationFileIsNamed() {
        StringWriter errors = new StringWriter();
        Path missing = dir.resolve("nowhere.json");
        assertThat(train(
                        errors,
                        "--train",
                        missing.toString(),
                        "--out",
                        dir.resolve("run").toString()))
                .isNotZero();
        assertThat(errors.toString()).contains("nowhere.json");
    }
}
