package dev.vigil.model.roiheads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.vigil.model.engine.Autograd;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The box head on the real engine, before and after fc6 is reordered for channels-last input. */
class TwoMlpHeadTest {

    private static final int ROIS = 6;
    private static final int CHANNELS = 8;
    private static final int SIDE = 3;

    @Test
    void readingChannelsLastInputComputesTheSameFunctionWhateverTheInputsLayout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(7);
            TwoMlpHead head = new TwoMlpHead(32, 0f);
            Shape pooled = new Shape(ROIS, CHANNELS, SIDE, SIDE);
            head.initialize(manager, DataType.FLOAT32, pooled);
            // the same values twice: channels-last in memory (as the pooling writes them) and plain C×H×W
            NDArray channelsLast =
                    manager.randomNormal(new Shape(ROIS, SIDE, SIDE, CHANNELS)).transpose(0, 3, 1, 2);
            NDArray plain = manager.create(channelsLast.toFloatArray(), pooled);

            float[] before = forward(head, manager, plain);
            head.readChannelsLastInput(CHANNELS);
            head.readChannelsLastInput(CHANNELS); // idempotent
            float[] afterPlain = forward(head, manager, plain);
            float[] afterChannelsLast = forward(head, manager, channelsLast);

            assertThat(IntStream.range(0, before.length)
                            .filter(i -> before[i] > 0f)
                            .count())
                    .as("positive outputs")
                    .isGreaterThan(before.length / 4);
            for (int i = 0; i < before.length; i++) {
                assertThat(afterPlain[i]).as("output %d, plain input", i).isCloseTo(before[i], within(1e-5f));
                assertThat(afterChannelsLast[i])
                        .as("output %d, channels-last input", i)
                        .isCloseTo(before[i], within(1e-5f));
            }
        }
    }

    @Test
    void aChannelCountThatDoesNotDivideFc6sInputsIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TwoMlpHead head = new TwoMlpHead(16, 0f);
            head.initialize(manager, DataType.FLOAT32, new Shape(1, CHANNELS, SIDE, SIDE));
            assertThatThrownBy(() -> head.readChannelsLastInput(5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("72 inputs")
                    .hasMessageContaining("5 channels");
        }
    }

    private static float[] forward(TwoMlpHead head, NDManager manager, NDArray pooled) {
        return Autograd.off(() -> head.forward(new ParameterStore(manager, false), new NDList(pooled), false)
                .singletonOrThrow()
                .toFloatArray());
    }
}
