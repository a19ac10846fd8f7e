package dev.vigil.model.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.cli.AutolabelCommand;
import dev.vigil.model.cli.TrainCommand;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.testing.SampleFootage;
import dev.vigil.model.train.TrainingRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The gate on real models and real labels: the shipped model against one trained for two iterations, on held-out
 * frames of the sample footage labelled by the teacher (frames the shipped model never saw).
 */
class PromotionGateTest {

    @TempDir
    static Path tmp;

    static Dataset heldOut;
    static ModelArtifact shipped;
    static ModelArtifact barelyTrained;
    final PrintWriter progress = new PrintWriter(new StringWriter(), true);

    @BeforeAll
    static void modelsAndHeldOutFrames() throws Exception {
        SampleFootage.assumePresent();
        Path labels = tmp.resolve("held-out/test.json");
        assertThat(run(
                        new AutolabelCommand(),
                        "--video",
                        SampleFootage.VIDEO.toString(),
                        "--frames",
                        "610-790",
                        "--every",
                        "20",
                        "--out",
                        labels.toString(),
                        "--teacher",
                        "ssd",
                        "--teacher-model",
                        SampleFootage.TEACHER_MODEL.toString(),
                        "--score-thresh",
                        "0.4",
                        "--classes",
                        "person,car"))
                .isZero();
        heldOut = CocoDataset.read(labels);
        shipped = ModelArtifact.read(SampleFootage.REPO.resolve("models/vigil-default"));
        Path run = tmp.resolve("barely-trained");
        assertThat(run(
                        new TrainCommand(),
                        "--train",
                        labels.toString(),
                        "--out",
                        run.toString(),
                        "--iterations",
                        "2",
                        "--arch",
                        "vigil_compact",
                        "--min-size",
                        "384",
                        "--max-size",
                        "640",
                        "--name",
                        "vigil-default"))
                .isZero();
        barelyTrained = ModelArtifact.read(run.resolve(TrainingRun.MODEL_DIR));
    }

    private static int run(Object command, String... args) {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setErr(new PrintWriter(err, true)).execute(args);
        assertThat(err.toString()).doesNotContain("Exception");
        return exit;
    }

    @Test
    void refusesACandidateWorseThanProductionNamingTheFigures() throws Exception {
        GateVerdict verdict =
                new PromotionGate(PromotionGate.DEFAULT_TOLERANCE).evaluate(barelyTrained, shipped, heldOut, progress);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.production().perClass().get("person").ap50())
                .as("the shipped model finds the held-out people")
                .isGreaterThan(0.5);
        assertThat(verdict.candidate().perClass().get("person").ap50())
                .isLessThan(verdict.production().perClass().get("person").ap50() - verdict.tolerance());
        assertThat(verdict.findings())
                .anySatisfy(f -> assertThat(f).startsWith("AP50 of person ").contains("< production's"))
                .anySatisfy(f -> assertThat(f).startsWith("COCO AP "));
    }

    @Test
    void acceptsACandidateBetterThanProduction() throws Exception {
        GateVerdict verdict =
                new PromotionGate(PromotionGate.DEFAULT_TOLERANCE).evaluate(shipped, barelyTrained, heldOut, progress);

        assertThat(verdict.passed()).as("findings: %s", verdict.findings()).isTrue();
        assertThat(verdict.findings()).isEmpty();
        assertThat(verdict.candidate().cocoAp())
                .isGreaterThan(verdict.production().cocoAp());
        assertThat(verdict.candidate().perClass()).containsKeys("person", "car");
    }

    @Test
    void theToleranceDecidesAtItsEdgeAndAMissingClassCountsAsZero() {
        GateFigures production = new GateFigures(
                0.50,
                0.80,
                Map.of(
                        "person", new GateFigures.ClassFigures(0.80, 0.50),
                        "car", new GateFigures.ClassFigures(0.90, 0.60),
                        "dog", new GateFigures.ClassFigures(-1, -1)));
        GateFigures slightlyWorse = new GateFigures(
                0.495,
                0.80,
                Map.of(
                        "person", new GateFigures.ClassFigures(0.795, 0.50),
                        "car", new GateFigures.ClassFigures(0.90, 0.60)));
        assertThat(new PromotionGate(0.01).compare(slightlyWorse, production).passed())
                .as("within the tolerance; the dataset has no dog")
                .isTrue();
        GateVerdict strict = new PromotionGate(0.001).compare(slightlyWorse, production);
        assertThat(strict.passed()).isFalse();
        assertThat(strict.findings())
                .containsExactly(
                        "COCO AP 0.495 < production's 0.500 - 0.001",
                        "AP50 of person 0.795 < production's 0.800 - 0.001");

        GateFigures noCars = new GateFigures(0.5, 0.8, Map.of("person", new GateFigures.ClassFigures(0.9, 0.6)));
        assertThat(new PromotionGate(0.01).compare(noCars, production).findings())
                .containsExactly("AP50 of car 0.000 < production's 0.900 - 0.010");

        assertThat(new PromotionGate(0.01).compare(noCars, null).passed())
                .as("nothing to compare with")
                .isTrue();
        assertThatThrownBy(() -> new PromotionGate(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
