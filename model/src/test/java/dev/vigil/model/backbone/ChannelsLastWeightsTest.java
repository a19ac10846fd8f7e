package dev.vigil.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.engine.Autograd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k×k conv weights kept channels-last at inference: the same outputs, and no copy of the weight per call. */
class ChannelsLastWeightsTest {

    @TempDir
    Path tmp;

    @Test
    void aChannelsLastConvComputesTheSameWithoutCopyingItsWeight() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchConv2d conv = TorchConv2d.builder(32, 48, 3).padding(1).build();
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 32, 20, 24));
            ParameterStore parameters = new ParameterStore(manager, false);
            // a channels-last batch, as ImageTransform writes it: N×H×W×C memory seen as N×C×H×W
            NDArray input = manager.randomNormal(new Shape(1, 20, 24, 32)).transpose(0, 3, 1, 2);

            float[] before = Autograd.off(() -> forward(conv, parameters, input).toFloatArray());
            List<String> copiesBefore = weightCopies(conv, parameters, input, tmp.resolve("before.json"));
            assertThat(ChannelsLastWeights.applyAll(conv)).isEqualTo(1);
            float[] after = Autograd.off(() -> forward(conv, parameters, input).toFloatArray());
            List<String> copiesAfter = weightCopies(conv, parameters, input, tmp.resolve("after.json"));

            assertThat(after).containsExactly(before);
            assertThat(copiesBefore)
                    .as("torch copies a plain weight for a channels-last input")
                    .isNotEmpty();
            assertThat(copiesAfter).isEmpty();
        }
    }

    @Test
    void pointwiseAndDepthwiseWeightsAreLeftAsTheyAre() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchConv2d pointwise = TorchConv2d.builder(8, 16, 1).build();
            TorchConv2d depthwise =
                    TorchConv2d.builder(8, 8, 3).padding(1).groups(8).build();
            pointwise.initialize(manager, DataType.FLOAT32, new Shape(1, 8, 4, 4));
            depthwise.initialize(manager, DataType.FLOAT32, new Shape(1, 8, 4, 4));
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray input = manager.randomNormal(new Shape(1, 8, 4, 4));
            float[] pointwiseBefore =
                    Autograd.off(() -> forward(pointwise, parameters, input).toFloatArray());
            float[] depthwiseBefore =
                    Autograd.off(() -> forward(depthwise, parameters, input).toFloatArray());

            pointwise.useChannelsLastWeight();
            depthwise.useChannelsLastWeight();

            assertThat(Autograd.off(() -> forward(pointwise, parameters, input).toFloatArray()))
                    .containsExactly(pointwiseBefore);
            assertThat(Autograd.off(() -> forward(depthwise, parameters, input).toFloatArray()))
                    .containsExactly(depthwiseBefore);
        }
    }

    private static NDArray forward(TorchConv2d conv, ParameterStore parameters, NDArray input) {
        return conv.forward(parameters, new NDList(input), false).singletonOrThrow();
    }

    /** The ops that copy a tensor of the weight's shape while the conv runs once, from PyTorch's profiler. */
    private static List<String> weightCopies(TorchConv2d conv, ParameterStore parameters, NDArray input, Path trace)
            throws Exception {
        JniUtils.startProfile(false, true, false);
        Autograd.off(() -> forward(conv, parameters, input));
        JniUtils.stopProfile(trace.toAbsolutePath().toString());
        JsonNode root = new ObjectMapper().readTree(Files.readString(trace));
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        List<String> copies = new ArrayList<>();
        events.forEach(event -> {
            String name = event.path("name").asText();
            if ((name.equals("aten::clone") || name.equals("aten::copy_"))
                    && event.path("shape").toString().contains("[48,32,3,3]")) {
                copies.add(name + " " + event.path("shape"));
            }
        });
        return copies;
    }
}
