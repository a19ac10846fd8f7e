package dev.vigil.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.vigil.model.backbone.ActivationBlock;
import dev.vigil.model.backbone.Conv2dNormActivation;
import dev.vigil.model.backbone.IndexedSequential;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateDictLoaderTest {

    private static final Shape INPUT = new Shape(1, 2, 8, 8);

    private NDManager manager;
    private IndexedSequential model;
    private int counter;

    /** Keys of the model: 0.0.weight (3,2,3,3); 0.1.{weight,bias,running_mean,running_var} (3); 1.0.weight (4,3,1,1)... */
    @BeforeEach
    void buildModel() {
        manager = NDManager.newBaseManager();
        model = new IndexedSequential()
                .add(Conv2dNormActivation.normalized(2, 3, 3, 1, 1, 1e-5f, ActivationBlock.Kind.RELU))
                .add(Conv2dNormActivation.convOnly(3, 4, 1, 0, Parameter.Type.WEIGHT.getInitializer()));
        model.initialize(manager, DataType.FLOAT32, INPUT);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void expectedKeysFollowTheTorchModuleTree() {
        Map<String, Shape> keys = StateDictLoader.expectedKeys(model);

        assertThat(keys)
                .containsExactly(
                        Map.entry("0.0.weight", new Shape(3, 2, 3, 3)),
                        Map.entry("0.1.weight", new Shape(3)),
                        Map.entry("0.1.bias", new Shape(3)),
                        Map.entry("0.1.running_mean", new Shape(3)),
                        Map.entry("0.1.running_var", new Shape(3)),
                        Map.entry("1.0.weight", new Shape(4, 3, 1, 1)),
                        Map.entry("1.0.bias", new Shape(4)));
    }

    @Test
    void loadsEveryTensorIntoItsParameterAndIgnoresNumBatchesTracked() {
        Map<String, StoredTensor> tensors = fullStateDict("");
        tensors.put(
                "0.1.num_batches_tracked",
                StoredTensor.ofLongs("0.1.num_batches_tracked", TorchDtype.INT64, new long[0], new long[] {17}));

        StateDictLoader.strict().load(model, new StateDict("test", tensors, Map.of()));

        Map<String, Parameter> parameters = StateDictLoader.parametersByKey(model);
        tensors.forEach((key, tensor) -> {
            if (!key.endsWith("num_batches_tracked")) {
                assertThat(parameters.get(key).getArray().toFloatArray())
                        .as(key)
                        .containsExactly(tensor.floats());
            }
        });
    }

    @Test
    void reportsMissingUnexpectedAndMisShapedKeysTogetherAndLoadsNothing() {
        Map<String, StoredTensor> tensors = fullStateDict("");
        float[] before = StateDictLoader.parametersByKey(model)
                .get("0.1.weight")
                .getArray()
                .toFloatArray();
        tensors.remove("0.1.running_var");
        tensors.put("2.weight", floats("2.weight", 4));
        tensors.put("1.0.weight", floats("1.0.weight", 4, 3, 3, 3));
        tensors.put("1.0.bias", StoredTensor.ofLongs("1.0.bias", TorchDtype.INT64, new long[] {4}, new long[4]));

        assertThatThrownBy(() -> StateDictLoader.strict().load(model, new StateDict("bad.pth", tensors, Map.of())))
                .isInstanceOfSatisfying(StateDictMismatchException.class, e -> {
                    assertThat(e.missing()).containsExactly("0.1.running_var");
                    assertThat(e.unexpected()).containsExactly("2.weight");
                    assertThat(e.misShaped())
                            .containsExactly(
                                    "1.0.weight (float32[4, 3, 3, 3] in the file, (4, 3, 1, 1) in the model)",
                                    "1.0.bias (int64[4] in the file, (4) in the model)");
                    assertThat(e.getMessage()).startsWith("state_dict bad.pth does not fit the model:");
                });
        assertThat(StateDictLoader.parametersByKey(model)
                        .get("0.1.weight")
                        .getArray()
                        .toFloatArray())
                .containsExactly(before);
    }

    @Test
    void loadsTheSubtreeUnderAPrefixAndSkipsIgnoredKeys() {
        Map<String, StoredTensor> tensors = fullStateDict("backbone.");
        tensors.put("rpn.head.conv.weight", floats("rpn.head.conv.weight", 2));
        tensors.put("backbone.classifier.0.weight", floats("backbone.classifier.0.weight", 5));
        StateDict detector = new StateDict("detector.pth", tensors, Map.of());

        StateDictLoader.strict()
                .fromPrefix("backbone.")
                .ignoring(key -> key.startsWith("classifier."))
                .load(model, detector);

        assertThat(StateDictLoader.parametersByKey(model)
                        .get("1.0.bias")
                        .getArray()
                        .toFloatArray())
                .containsExactly(tensors.get("backbone.1.0.bias").floats());
        assertThatThrownBy(
                        () -> StateDictLoader.strict().fromPrefix("backbone.").load(model, detector))
                .isInstanceOfSatisfying(
                        StateDictMismatchException.class,
                        e -> assertThat(e.unexpected()).containsExactly("backbone.classifier.0.weight"));
    }

    @Test
    void anUninitializedModelIsRefusedBeforeAnythingIsLoaded() {
        IndexedSequential fresh = new IndexedSequential()
                .add(Conv2dNormActivation.normalized(2, 3, 3, 1, 1, 1e-5f, ActivationBlock.Kind.RELU));
        StateDict stateDict = new StateDict("test", fullStateDict(""), Map.of());

        assertThatThrownBy(() -> StateDictLoader.strict().load(fresh, stateDict))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("parameter '0.0.weight' has no array: initialize the block first");
    }

    @Test
    void legacyModuleKeysAreRenamedOnlyBelowTheCurrentVersion() {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        tensors.put("rpn.head.conv.weight", floats("rpn.head.conv.weight", 2));
        tensors.put("rpn.other.weight", floats("rpn.other.weight", 2));
        StateDict legacy = new StateDict("old.pth", tensors, Map.of("rpn.head", 1));
        StateDict current = new StateDict("new.pth", tensors, Map.of("rpn.head", 2));

        StateDict upgraded = legacy.upgradeLegacyModule("rpn.head", 2, key -> key.replace("conv.", "conv.0.0."));

        assertThat(upgraded.tensors().keySet()).containsExactly("rpn.head.conv.0.0.weight", "rpn.other.weight");
        assertThat(upgraded.tensor("rpn.head.conv.0.0.weight").name()).isEqualTo("rpn.head.conv.0.0.weight");
        assertThat(current.upgradeLegacyModule("rpn.head", 2, key -> "renamed")).isSameAs(current);
    }

    /** A state_dict with a distinct value in every element of every model parameter, keys under {@code prefix}. */
    private Map<String, StoredTensor> fullStateDict(String prefix) {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        StateDictLoader.expectedKeys(model)
                .forEach((key, shape) -> tensors.put(prefix + key, floats(prefix + key, shape.getShape())));
        return tensors;
    }

    private StoredTensor floats(String name, long... shape) {
        float[] values = new float[(int) StoredTensor.numel(shape)];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.5f + counter++ * 0.25f;
        }
        return StoredTensor.ofFloats(name, TorchDtype.FLOAT32, shape, values);
    }
}
