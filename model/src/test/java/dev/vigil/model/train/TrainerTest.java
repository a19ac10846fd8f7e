package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.TransformSettings;
import dev.vigil.model.io.StateDictLoader;
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
                .withTransform(TransformSettings.torchvision().withSizes(TrainingFixtures.HEIGHT,
                        TrainingFixtures.WIDTH));
        return TrainingRecipe.fromScratch(architecture, iterations, 5).withCheckpointEvery(3);
    }

    private static Map<String, float[]> weights(FasterRcnn model) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        StateDictLoader.parametersByKey(model).forEach((k, p) -> weights.put(k, p.getArray().toFloatArray()));
        return weights;
    }

    /** Records each iteration's losses. */
    private static final class LossRecorder implements TrainingListener {
        final Map<Integer, LossValues> losses = new LinkedHashMap<>();

        @Override
        public void iteration(TrainingPhase phase, int iteration, LossValues values, float lr, double speed) {
            losses.put(iteration, values);
        }
    }

    /**
     * A run killed after its checkpoint at iteration 3 resumes there with everything an uninterrupted run has at
     * that point (weights, momentum, images, flips, samples): the last iteration's losses and the final weights
     * agree. The run is 4 iterations long so that only one step follows the resumption: float sums over threads
     * are not bit-reproducible, and over several steps the discrete choices of proposals and samples amplify that.
     */
    @Test
    void aResumedRunContinuesWhereItsCheckpointLeftOff() throws Exception {
        LossRecorder straight = new LossRecorder();
        Map<String, float[]> uninterrupted;
        try (NDManager manager = NDManager.newBaseManager()) {
            uninterrupted = weights(new Trainer(recipe(4), data, dir.resolve("straight"), straight).run(manager));
        }
        Path crashed = dir.resolve("crashed");
        TrainingListener crashInTheLastIteration = new TrainingListener() {
            @Override
            public void iteration(TrainingPhase phase, int iteration, LossValues losses, float lr, double speed) {
                if (iteration == 3) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(recipe(4), data, crashed, crashInTheLastIteration).run(manager))
                    .hasMessage("simulated crash");
        }
        LossRecorder resumed = new LossRecorder();
        Map<String, float[]> afterResumption;
        try (NDManager manager = NDManager.newBaseManager()) {
            afterResumption = weights(new Trainer(recipe(4), data, crashed, resumed).run(manager));
        }
        assertThat(resumed.losses.keySet()).as("the run resumes after the checkpoint at iteration 3")
                .containsExactly(3);
        LossValues expected = straight.losses.get(3);
        LossValues actual = resumed.losses.get(3);
        assertThat(actual.rpnObjectness()).isCloseTo(expected.rpnObjectness(), within(1e-4f));
        assertThat(actual.rpnBox()).isCloseTo(expected.rpnBox(), within(1e-4f));
        assertThat(actual.classifier()).isCloseTo(expected.classifier(), within(1e-4f));
        assertThat(actual.boxRegression()).isCloseTo(expected.boxRegression(), within(1e-4f));
        Map<String, float[]> initial = weights(initialModel());
        double changed = 0;
        double disagreement = 0;
        for (String key : uninterrupted.keySet()) {
            float[] start = initial.get(key);
            float[] a = uninterrupted.get(key);
            float[] b = afterResumption.get(key);
            for (int i = 0; i < a.length; i++) {
                changed += (a[i] - start[i]) * (double) (a[i] - start[i]);
                disagreement += (b[i] - a[i]) * (double) (b[i] - a[i]);
            }
        }
        assertThat(changed).as("training changed the weights").isGreaterThan(0);
        assertThat(Math.sqrt(disagreement)).as("final weights, resumed vs uninterrupted, against what training changed")
                .isLessThan(1e-3 * Math.sqrt(changed));
    }

    /** The weights every run starts from (the trainer seeds the engine, then initializes). */
    private static FasterRcnn initialModel() {
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) recipe(4).seed());
        return FasterRcnn.initialized(recipe(4).architecture(), NDManager.newBaseManager());
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefusedByName() throws Exception {
        Path run = dir.resolve("other-arch");
        try (NDManager manager = NDManager.newBaseManager()) {
            new Trainer(recipe(3), data, run, new TrainingListener() { }).run(manager);
        }
        TrainingRecipe other = recipe(3).withArchitecture(recipe(3).architecture().withNumClasses(5));
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> new Trainer(other, data, run, new TrainingListener() { }).run(manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("checkpoint").hasMessageContaining("vigil_compact")
                    .hasMessageContaining("3 classes").hasMessageContaining("5 classes");
        }
    }

    @Test
    void anUnreadableImageIsLeftOutByNameAndTrainingGoesOnAtJitteredScales() throws Exception {
        Path json = TrainingFixtures.cocoDataset(dir.resolve("with-bad-image"), 4, 300);
        java.nio.file.Files.write(dir.resolve("with-bad-image/images/scene-2.png"), new byte[] {1, 2, 3});
        Dataset dataset = CocoDataset.read(json);
        TrainingData withBadImage = new TrainingData(dataset, classMap);
        assertThat(withBadImage.size()).isEqualTo(3);
        assertThat(withBadImage.unreadable()).singleElement().asString().contains("scene-2.png").contains("id 3");
        List<Integer> sides = new java.util.ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            new Trainer(recipe(4).withScales(List.of(128, 160)), withBadImage, dir.resolve("jitter"),
                    new TrainingListener() {
                        @Override
                        public void iteration(TrainingPhase phase, int iteration, LossValues losses, float lr,
                                double speed) {
                            assertThat(losses.finite()).isTrue();
                            sides.add(iteration);
                        }
                    }).run(manager);
        }
        assertThat(sides).containsExactly(0, 1, 2, 3);
    }

    @Test
    void alternatingTrainingRunsTheFourStepsInOrder() throws Exception {
        List<String> phases = new java.util.ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            new Trainer(recipe(12).withScheme(TrainingScheme.ALTERNATING), data, dir.resolve("alternating"),
                    new TrainingListener() {
                        @Override
                        public void iteration(TrainingPhase phase, int iteration, LossValues losses, float lr,
                                double speed) {
                            assertThat(losses.finite()).isTrue();
                            assertThat(Float.isNaN(losses.rpnObjectness())).isEqualTo(!phase.rpnLoss());
                            assertThat(Float.isNaN(losses.classifier())).isEqualTo(!phase.headLoss());
                            if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase.name())) {
                                phases.add(phase.name());
                            }
                        }
                    }).run(manager);
        }
        assertThat(phases).containsExactly("step1-rpn", "step2-fast-rcnn", "step3-rpn-unique",
                "step4-fast-rcnn-unique");
    }
}
