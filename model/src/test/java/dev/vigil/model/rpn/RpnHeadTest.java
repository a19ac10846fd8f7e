package dev.vigil.model.rpn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.vigil.model.io.StateDict;
import dev.vigil.model.io.StoredTensor;
import dev.vigil.model.io.TorchDtype;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpnHeadTest {

    /** torchvision state_dict key → parameter shape, for C = 8 channels and A = 3 anchors. */
    private static Map<String, Shape> parameters(Block block, String prefix) {
        Map<String, Shape> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + p.getKey(), p.getValue().getArray().getShape());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            // DJL stores children as "%02d" + name.
            out.putAll(parameters(child.getValue(), prefix + child.getKey().substring(2) + "."));
        }
        return out;
    }

    @Test
    void blockTreeMirrorsTorchvisionStateDictKeys() {
        try (NDManager m = NDManager.newBaseManager()) {
            RpnHead head = new RpnHead(8, 3);
            head.initialize(m, DataType.FLOAT32, new Shape(1, 8, 5, 6), new Shape(1, 8, 3, 3));
            Map<String, Shape> expected = new LinkedHashMap<>();
            expected.put("conv.0.0.weight", new Shape(8, 8, 3, 3));
            expected.put("conv.0.0.bias", new Shape(8));
            expected.put("cls_logits.weight", new Shape(3, 8, 1, 1));
            expected.put("cls_logits.bias", new Shape(3));
            expected.put("bbox_pred.weight", new Shape(12, 8, 1, 1));
            expected.put("bbox_pred.bias", new Shape(12));
            assertThat(parameters(head, "")).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @Test
    void sharedHeadPredictsEveryLevel() {
        try (NDManager m = NDManager.newBaseManager()) {
            RpnHead head = new RpnHead(8, 3);
            Shape level0 = new Shape(2, 8, 5, 6);
            Shape level1 = new Shape(2, 8, 3, 3);
            head.initialize(m, DataType.FLOAT32, level0, level1);
            NDList out = head.forward(
                    new ParameterStore(m, false), new NDList(m.randomNormal(level0), m.randomNormal(level1)), false);
            assertThat(out.getShapes())
                    .containsExactly(
                            new Shape(2, 3, 5, 6),
                            new Shape(2, 3, 3, 3),
                            new Shape(2, 12, 5, 6),
                            new Shape(2, 12, 3, 3));
        }
    }

    @Test
    void weightsStartAsTorchvisionsNormalWithStd001AndZeroBias() {
        try (NDManager m = NDManager.newBaseManager()) {
            RpnHead head = new RpnHead(64, 9);
            head.initialize(m, DataType.FLOAT32, new Shape(1, 64, 4, 4));
            for (Pair<String, Parameter> p : head.getParameters()) {
                float[] values = p.getValue().getArray().toFloatArray();
                if (p.getKey().endsWith("bias")) {
                    assertThat(values).as(p.getKey()).containsOnly(0f);
                } else {
                    double std = Math.sqrt(Arrays.stream(toDoubles(values))
                            .map(v -> v * v)
                            .average()
                            .orElse(0));
                    assertThat(std).as(p.getKey()).isBetween(0.008, 0.012);
                }
            }
        }
    }

    @Test
    void legacyKeysOfOldCheckpointsAreUpgraded() {
        Map<String, StoredTensor> old = new LinkedHashMap<>();
        String[] keys = {
            "backbone.body.conv1.weight",
            "rpn.head.conv.weight",
            "rpn.head.conv.bias",
            "rpn.head.cls_logits.weight",
            "roi_heads.box_head.fc6.weight"
        };
        for (int i = 0; i < keys.length; i++) {
            old.put(keys[i], StoredTensor.ofFloats(keys[i], TorchDtype.FLOAT32, new long[] {1}, new float[] {i + 1}));
        }
        StateDict upgraded = RpnHead.upgradeLegacyKeys(new StateDict("old.pth", old, Map.of()), RpnHead.MODULE_PREFIX);
        assertThat(upgraded.tensors().keySet())
                .containsExactly(
                        "backbone.body.conv1.weight",
                        "rpn.head.conv.0.0.weight",
                        "rpn.head.conv.0.0.bias",
                        "rpn.head.cls_logits.weight",
                        "roi_heads.box_head.fc6.weight");
        assertThat(upgraded.tensors().values()).extracting(t -> t.floats()[0]).containsExactly(1f, 2f, 3f, 4f, 5f);
        assertThat(RpnHead.upgradeLegacyKeys(upgraded, RpnHead.MODULE_PREFIX)
                        .tensors()
                        .keySet())
                .containsExactlyElementsOf(upgraded.tensors().keySet());
    }

    @Test
    void aHeadSavedAtTheCurrentVersionIsLeftAlone() {
        Map<String, StoredTensor> tensors = Map.of(
                "rpn.head.conv.weight",
                StoredTensor.ofFloats("rpn.head.conv.weight", TorchDtype.FLOAT32, new long[] {1}, new float[] {1}));
        StateDict current = new StateDict("new.pth", tensors, Map.of(RpnHead.MODULE_PREFIX, RpnHead.VERSION));
        assertThat(RpnHead.upgradeLegacyKeys(current, RpnHead.MODULE_PREFIX).tensors())
                .containsOnlyKeys("rpn.head.conv.weight");
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
