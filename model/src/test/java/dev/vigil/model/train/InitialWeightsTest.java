package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.vigil.model.data.Category;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelInfo;
import dev.vigil.model.io.StateDictLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning's start: every layer copied, the class-specific outputs remapped by class name. */
class InitialWeightsTest {

    static final List<String> SOURCE_CLASSES = List.of("__background__", "person", "car");

    @TempDir
    Path dir;

    private ModelArtifact sourceModel(NDManager manager) throws Exception {
        ArchitectureConfig config =
                ArchitectureConfig.forArch(ArchitectureConfig.COMPACT).withNumClasses(3);
        FasterRcnn model = FasterRcnn.initialized(config, manager);
        return ModelArtifact.write(
                dir.resolve("source"), model, SOURCE_CLASSES, ModelInfo.now("source", "1", "test", "0"));
    }

    private static float[] rows(Map<String, Parameter> parameters, String key, int from, int count) {
        Parameter p = parameters.get(key);
        long[] shape = p.getArray().getShape().getShape();
        int rowLength = shape.length > 1 ? (int) shape[1] : 1;
        float[] all = p.getArray().toFloatArray();
        return Arrays.copyOfRange(all, from * rowLength, (from + count) * rowLength);
    }

    @Test
    void copiesEveryLayerAndKeepsTheRowsOfClassesBothModelsHave() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelArtifact source = sourceModel(manager);
            Map<String, Parameter> trained = StateDictLoader.parametersByKey(source.loadModel(manager));
            InitialWeights init = InitialWeights.of(source);
            List<String> target = init.classesFor(List.of(new Category(1, "car"), new Category(2, "dog")))
                    .names();
            assertThat(target)
                    .as("the source's classes first, then the new ones")
                    .containsExactly("__background__", "person", "car", "dog");

            List<String> reordered = List.of("__background__", "car", "dog");
            FasterRcnn network = FasterRcnn.initialized(init.architectureFor(reordered), manager);
            Map<String, Parameter> fresh = StateDictLoader.parametersByKey(network);
            float[] dogBefore = rows(fresh, InitialWeights.CLASS_SCORE + "weight", 2, 1);
            InitialWeights.Applied applied = init.applyTo(network, reordered);

            assertThat(applied.kept()).containsExactly("__background__", "car");
            assertThat(applied.fresh()).containsExactly("dog");
            Map<String, Parameter> loaded = StateDictLoader.parametersByKey(network);
            String score = InitialWeights.CLASS_SCORE + "weight";
            String deltas = InitialWeights.BOX_DELTAS + "weight";
            assertThat(rows(loaded, score, 0, 1)).containsExactly(rows(trained, score, 0, 1));
            assertThat(rows(loaded, score, 1, 1))
                    .as("car's row comes from the source's row 2")
                    .containsExactly(rows(trained, score, 2, 1));
            assertThat(rows(loaded, deltas, 4, 4)).containsExactly(rows(trained, deltas, 8, 4));
            assertThat(rows(loaded, InitialWeights.CLASS_SCORE + "bias", 1, 1))
                    .containsExactly(rows(trained, InitialWeights.CLASS_SCORE + "bias", 2, 1));
            assertThat(rows(loaded, score, 2, 1))
                    .as("dog keeps its fresh initialization")
                    .containsExactly(dogBefore);
            for (String key : trained.keySet()) {
                if (!key.startsWith("roi_heads.box_predictor.")) {
                    assertThat(Arrays.equals(
                                    loaded.get(key).getArray().toFloatArray(),
                                    trained.get(key).getArray().toFloatArray()))
                            .as(key + " copied as it is")
                            .isTrue();
                }
            }
        }
    }

    @Test
    void anotherArchitectureIsRefused() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            InitialWeights init = InitialWeights.of(sourceModel(manager));
            FasterRcnn other = FasterRcnn.initialized(
                    ArchitectureConfig.forArch(ArchitectureConfig.COMPACT_BN).withNumClasses(3), manager);
            assertThatThrownBy(() -> init.applyTo(other, SOURCE_CLASSES))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vigil_compact");
        }
    }
}
