package dev.vigil.model.teacher.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running a graph: nothing a run makes outlives it but its outputs, and a missing feed or node is named. */
class GraphExecutorTest {

    @TempDir
    Path tmp;

    @Test
    void aRunLeavesNoArraysBehindButItsOutputs() throws Exception {
        // a constant operand first makes DJL put the result, and a kernel's temporaries (the filter in PyTorch's
        // layout), in the constants' manager: they must still be freed
        GraphJson g = new GraphJson().input("x", 1, 4, 4, 2);
        g.floats("half", new long[] {}, 0.5f);
        g.floats("identity", new long[] {1, 1, 2, 2}, 1, 0, 0, 1);
        g.ints("axes", new long[] {2}, 1, 2);
        g.op(
                "conv",
                "Conv2D",
                List.of("x", "identity"),
                "padding",
                GraphJson.string("SAME"),
                "strides",
                GraphJson.intList(1, 1, 1, 1));
        g.op("scaled", "Mul", List.of("half", "conv"));
        g.op("activated", "Relu6", List.of("scaled"));
        g.op("pooled", "Mean", List.of("activated", "axes"), "keep_dims", GraphJson.bool(true));
        g.op("same", "Identity", List.of("half"));
        GraphModel model = GraphModel.read(g.write(tmp));
        try (NDManager parent = NDManager.newBaseManager();
                GraphExecutor executor = GraphExecutor.load(model, parent)) {
            int before = ((BaseNDManager) parent).getManagedArrays().size();
            for (int run = 0; run < 3; run++) {
                try (NDManager results = NDManager.newBaseManager()) {
                    NDArray x =
                            results.create(new float[32], new Shape(1, 4, 4, 2)).add(7);
                    Map<String, NDArray> out =
                            executor.run(Map.of("x", x), List.of("pooled", "same", "activated"), results);
                    assertThat(out.get("pooled").toFloatArray()).containsExactly(3.5f, 3.5f);
                    assertThat(out.get("same").getFloat()).isEqualTo(0.5f);
                    assertThat(out.get("activated").getManager()).isSameAs(results);
                }
                assertThat(((BaseNDManager) parent).getManagedArrays()).hasSize(before);
            }
            // the constant handed out as an output was a copy: the model still runs
            try (NDManager results = NDManager.newBaseManager()) {
                NDArray x = results.zeros(new Shape(1, 4, 4, 2));
                assertThat(executor.run(Map.of("x", x), List.of("same"), results)
                                .get("same")
                                .getFloat())
                        .isEqualTo(0.5f);
                assertThatThrownBy(() -> executor.run(Map.of(), List.of("pooled"), results))
                        .hasMessageContaining("no value given for input x");
                assertThatThrownBy(() -> executor.run(Map.of("x", x), List.of("nothing"), results))
                        .hasMessageContaining("has no node nothing");
            }
        }
    }
}
