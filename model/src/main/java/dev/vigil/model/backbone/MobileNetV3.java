package dev.vigil.model.backbone;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's MobileNetV3-Large {@code features} (width 1.0, no dilation, no reduced tail) and the body of
 * {@code fasterrcnn_mobilenet_v3_large_fpn}'s backbone ({@code _mobilenet_extractor} with FPN).
 * features: "0" stem 3×3/2 conv (16, hardswish), "1".."15" inverted residuals, "16" 1×1 conv (960, hardswish).
 */
public final class MobileNetV3 {

    /** torchvision's _mobilenet_v3_conf("mobilenet_v3_large") table (Table 1 of the MobileNetV3 paper). */
    public static final List<InvertedResidualConfig> LARGE = List.of(
            row(16, 3, 16, 16, false, false, 1),
            row(16, 3, 64, 24, false, false, 2), // C1
            row(24, 3, 72, 24, false, false, 1),
            row(24, 5, 72, 40, true, false, 2), // C2
            row(40, 5, 120, 40, true, false, 1),
            row(40, 5, 120, 40, true, false, 1),
            row(40, 3, 240, 80, false, true, 2), // C3
            row(80, 3, 200, 80, false, true, 1),
            row(80, 3, 184, 80, false, true, 1),
            row(80, 3, 184, 80, false, true, 1),
            row(80, 3, 480, 112, true, true, 1),
            row(112, 3, 672, 112, true, true, 1),
            row(112, 5, 672, 160, true, true, 2), // C4
            row(160, 5, 960, 160, true, true, 1),
            row(160, 5, 960, 160, true, true, 1));

    /** fasterrcnn_mobilenet_v3_large_fpn's returned stages: the last two ([num_stages − 2, num_stages − 1]). */
    public static final int RETURNED_STAGES = 2;
    /** Channels are rounded to multiples of this (torchvision's _make_divisible divisor). */
    public static final int CHANNEL_DIVISOR = 8;

    private static final int IMAGE_CHANNELS = 3;
    private static final int STEM_KERNEL = 3;
    private static final int STEM_STRIDE = 2;
    private static final int LAST_CONV_EXPANSION = 6;

    private MobileNetV3() {}

    private static InvertedResidualConfig row(
            int in, int kernel, int expanded, int out, boolean se, boolean hardswish, int stride) {
        return new InvertedResidualConfig(in, kernel, expanded, out, se, hardswish, stride);
    }

    /** torchvision's _make_divisible(v, 8): nearest multiple of 8, at least 8, not below 90% of v. */
    public static int makeDivisible(double value) {
        int rounded =
                Math.max(CHANNEL_DIVISOR, (int) (value + CHANNEL_DIVISOR / 2.0) / CHANNEL_DIVISOR * CHANNEL_DIVISOR);
        return rounded < 0.9 * value ? rounded + CHANNEL_DIVISOR : rounded;
    }

    /** The {@code features} modules "0".."16" for {@code table}, by torch name. */
    public static List<Pair<String, Block>> features(List<InvertedResidualConfig> table, float normEps) {
        List<Pair<String, Block>> modules = new ArrayList<>();
        modules.add(new Pair<>(
                "0",
                Conv2dNormActivation.normalized(
                        IMAGE_CHANNELS,
                        table.get(0).inputChannels(),
                        STEM_KERNEL,
                        STEM_STRIDE,
                        1,
                        normEps,
                        ActivationBlock.Kind.HARDSWISH)));
        for (InvertedResidualConfig config : table) {
            modules.add(new Pair<>(String.valueOf(modules.size()), new InvertedResidual(config, normEps)));
        }
        int lastIn = table.get(table.size() - 1).outChannels();
        modules.add(new Pair<>(
                String.valueOf(modules.size()),
                Conv2dNormActivation.normalized(
                        lastIn, LAST_CONV_EXPANSION * lastIn, 1, 1, 1, normEps, ActivationBlock.Kind.HARDSWISH)));
        return modules;
    }

    /**
     * Indices of the stage-ending modules in {@code features}: the stem, each strided block (the C_i) and the
     * last conv, as torchvision's {@code stage_indices}.
     */
    public static List<Integer> stageIndices(List<InvertedResidualConfig> table) {
        List<Integer> stages = new ArrayList<>(List.of(0));
        for (int i = 0; i < table.size(); i++) {
            if (table.get(i).stride() > 1) {
                stages.add(i + 1);
            }
        }
        stages.add(table.size() + 1);
        return stages;
    }

    /** Output channels of features module {@code index}. */
    public static int featureChannels(List<InvertedResidualConfig> table, int index) {
        if (index == 0) {
            return table.get(0).inputChannels();
        }
        int lastOut = table.get(table.size() - 1).outChannels();
        return index <= table.size() ? table.get(index - 1).outChannels() : LAST_CONV_EXPANSION * lastOut;
    }
}
