package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.transform.TransformConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer on the real engine: resumption is exact, alternating training runs its four steps, errors are clear. */
class TrainerTest {

    @TempDir
    static Path dir;

    static TrainingData data;
    static ClassMap classMap;

    @BeforeAll
    static void dataset() throws Exception {
        Dataset dataset = CocoDataset.read(TrainingFixtures.cocoDataset(dir.resolve("data"), 6, 100));
        classMap = ClassMap.ofCategories(dataset.categories());
        data = new TrainingData(dataset, classMap);
    }

    static TrainingRecipe recipe(int iterations) {
        ArchitectureConfig architecture = ArchitectureConfig.compact(classMap.numClasses())
                .withTransform(
                        TransformConfig.torchvision().withSizes(TrainingFixtures.HEIGHT, TrainingFixtures.WIDTH));
        return TrainingRecipe.fromScratch(architecture, iterations, 5).withCheckpointEvery(3);
    }

    /** Records each iteration's losses. */
    private static class LossRecorder implements TrainingListener {
        final Map<Integer, LossValues> losses = new LinkedHashMap<>();

        @Override
        public void iteration(TrainingPhase phase, int iteration, LossValues values, float lr, double speed) {
            losses.put(iteration, values);
        }
    }

    /**
     * A run killed in iteration 4, after its checkpoint at iteration 3, resumes there with everything the killed
     * run had at that point. Iteration 3 is a forward pass from the checkpoint's weights on the same images, flips
     * and samples: its losses agree with the killed run's to float precision. Iteration 4 follows a step taken with
     * the restored momentum: it agrees too, where a run restarted without momentum would differ by about 1e-4.
     * The comparison is with the killed run itself, not with a separate uninterrupted one: training on PyTorch's
     * CPU is not bit-reproducible between runs (docs/djl-pitfalls.md), and several steps amplify that.
     */
    @Test
    void aResumedRunContinuesWhereItsCheckpointLeftOff() throws Exception {
        Path crashed = dir.resolve("crashed");
        LossRecorder beforeTheCrash = new LossRecorder() {
            @Override
            public void iteration(TrainingPhase phase, int iteration, LossValues values, float lr, double speed) {
                super.iteration(phase, iteration, values, lr, speed);
                if (iteration == 4) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(recipe(5), data, crashed, beforeTheCrash).run(manager))
                    .hasMessage("simulated crash");
        }
        LossRecorder resumed = new LossRecorder();
        try (NDManager manager = NDManager.newBaseManager()) {
            new Trainer(recipe(5), data, crashed, resumed).run(manager);
        }
        assertThat(resumed.losses.keySet())
                .as("the run resumes after the checkpoint at iteration 3")
                .containsExactly(3, 4);
        assertLossesAgree(resumed.losses.get(3), beforeTheCrash.losses.get(3), 1e-6f);
        assertLossesAgree(resumed.losses.get(4), beforeTheCrash.losses.get(4), 2e-5f);
    }

    private static void assertLossesAgree(LossValues actual, LossValues expected, float tolerance) {
        assertThat(actual.rpnObjectness()).isCloseTo(expected.rpnObjectness(), within(tolerance));
        assertThat(actual.rpnBox()).isCloseTo(expected.rpnBox(), within(tolerance));
        assertThat(actual.classifier()).isCloseTo(expected.classifier(), within(tolerance));
        assertThat(actual.boxRegression()).isCloseTo(expected.boxRegression(), within(tolerance));
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefusedByName() throws Exception {
        Path run = dir.resolve("other-arch");
        try (NDManager manager = NDManager.newBaseManager()) {
            new Trainer(recipe(3), data, run, new TrainingListener() {}).run(manager);
        }
        TrainingRecipe other =
                recipe(3).withArchitecture(recipe(3).architecture().withNumClasses(5));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(other, data, run, new TrainingListener() {}).run(manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("checkpoint")
                    .hasMessageContaining("vigil_compact")
                    .hasMessageContaining("3 classes")
                    .hasMessageContaining("5 classes");
        }
    }

    @Test
    void anUnreadableImageIsLeftOutByNameAndTrainingGoesOnAtJitteredScales() throws Exception {
        Path json = TrainingFixtures.cocoDataset(dir.resolve("with-bad-image"), 4, 300);
        java.nio.file.Files.write(dir.resolve("with-bad-image/images/scene-2.png"), new byte[] {1, 2, 3});
        Dataset dataset = CocoDataset.read(json);
        TrainingData withBadImage = new TrainingData(dataset, classMap);
        assertThat(withBadImage.size()).isEqualTo(3);
        assertThat(withBadImage.unreadable())
                .singleElement()
                .asString()
                .contains("scene-2.png")
                .contains("id 3");
        List<Integer> sides = new java.util.ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            new Trainer(
                            recipe(4).withScales(List.of(128, 160)),
                            withBadImage,
                            dir.resolve("jitter"),
                            new TrainingListener() {
                                @Override
                                public void iteration(
                                        TrainingPhase phase, int iteration, LossValues losses, float lr, double speed) {
                                    assertThat(losses.finite()).isTrue();
                                    sides.add(iteration);
                                }
                            })
                    .run(manager);
        }
        assertThat(sides).containsExactly(0, 1, 2, 3);
    }

    @Test
    void alternatingTrainingRunsTheFourStepsInOrder() throws Exception {
        List<String> phases = new java.util.ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            new Trainer(
                            recipe(12).withScheme(TrainingScheme.ALTERNATING),
                            data,
                            dir.resolve("alternating"),
                            new TrainingListener() {
                                @Override
                                public void iteration(
                                        TrainingPhase phase, int iteration, LossValues losses, float lr, double speed) {
                                    assertThat(losses.finite()).isTrue();
                                    assertThat(Float.isNaN(losses.rpnObjectness()))
                                            .isEqualTo(!phase.rpnLoss());
                                    assertThat(Float.isNaN(losses.classifier())).isEqualTo(!phase.headLoss());
                                    if (phases.isEmpty()
                                            || !phases.get(phases.size() - 1).equals(phase.name())) {
                                        phases.add(phase.name());
                                    }
                                }
                            })
                    .run(manager);
        }
        assertThat(phases)
                .containsExactly("step1-rpn", "step2-fast-rcnn", "step3-rpn-unique", "step4-fast-rcnn-unique");
    }
}
