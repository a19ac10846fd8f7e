package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.image.ImageDecoder;
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
        try (Detector detector = Detector.load(model)) {
            assertThat(detector.classNames()).containsExactly("__background__", "square", "bar");
            detector.detect(List.of(new ImageDecoder().read(dir.resolve("val/images/scene-0.png"))));
        }

        assertThat(train(new StringWriter(), args)).isZero();
        assertThat(Files.readAllLines(run.resolve(TrainingLog.FILE)))
                .as("a finished run is not trained again")
                .hasSize(6);
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
