package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.io.StateDict;
import java.util.List;
import java.util.regex.Pattern;

/**
 * torchvision's {@code ops.FeaturePyramidNetwork} (version 2 layout) with {@link LastLevelMaxPool}: for input
 * levels C1..Ck (N, c_i, H_i, W_i), highest resolution first, lateral 1×1 convs ({@code inner_blocks.i.0})
 * and a top-down path of nearest upsampling to each lateral's size, then 3×3 output convs
 * ({@code layer_blocks.i.0}) give P1..Pk (N, out, H_i, W_i), followed by the extra "pool" level.
 */
public final class FeaturePyramidNetwork extends TorchModule {

    /** The state_dict layout version torchvision 0.13+ records in _metadata for this module. */
    public static final int VERSION = 2;
    /** torchvision's detection FPN width. */
    public static final int DEFAULT_OUT_CHANNELS = 256;

    private static final Pattern LEGACY_KEY = Pattern.compile("^((?:inner|layer)_blocks\\.\\d+)\\.(weight|bias)$");
    private static final int NEAREST = 0; // DJL's interpolation code for nearest-neighbour

    private final ModuleList innerBlocks = new ModuleList();
    private final ModuleList layerBlocks = new ModuleList();
    private final LastLevelMaxPool extraBlocks;
    private final int outChannels;

    /**
     * @param inChannels channels of each input level, highest resolution first
     * @param outChannels channels of every output level
     * @param lastLevelMaxPool whether to append the "pool" level (torchvision's detection backbones do)
     */
    public FeaturePyramidNetwork(List<Integer> inChannels, int outChannels, boolean lastLevelMaxPool) {
        this.outChannels = outChannels;
        for (int in : inChannels) {
            if (in <= 0) {
                throw new IllegalArgumentException("FPN input channels must be positive: " + inChannels);
            }
            innerBlocks.add(Conv2dNormActivation.convOnly(in, outChannels, 1, 0, TorchConv2d.KAIMING_UNIFORM_A1));
            layerBlocks.add(
                    Conv2dNormActivation.convOnly(outChannels, outChannels, 3, 1, TorchConv2d.KAIMING_UNIFORM_A1));
        }
        addChildBlock("inner_blocks", innerBlocks);
        addChildBlock("layer_blocks", layerBlocks);
        extraBlocks = lastLevelMaxPool ? addChildBlock("extra_blocks", new LastLevelMaxPool()) : null;
    }

    public int outChannels() {
        return outChannels;
    }

    /**
     * Renames the keys of an FPN saved before version 2 ({@code inner_blocks.0.weight} →
     * {@code inner_blocks.0.0.weight}), as torchvision's {@code _load_from_state_dict} does; torchvision's COCO
     * checkpoints are in that layout.
     *
     * @param modulePrefix the FPN's key prefix without trailing dot, e.g. {@code backbone.fpn}
     */
    public static StateDict upgradeLegacyKeys(StateDict stateDict, String modulePrefix) {
        return stateDict.upgradeLegacyModule(
                modulePrefix, VERSION, local -> LEGACY_KEY.matcher(local).replaceFirst("$1.0.$2"));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int levels = innerBlocks.size();
        if (inputs.size() != levels) {
            throw new IllegalArgumentException("FPN of " + levels + " levels got " + inputs.size() + " feature maps");
        }
        return ScopedForward.run(inputs, x -> {
            NDArray[] results = new NDArray[levels];
            NDArray lastInner = call(innerBlocks.get(levels - 1), ps, x.get(levels - 1), training, params);
            results[levels - 1] = call(layerBlocks.get(levels - 1), ps, lastInner, training, params);
            for (int i = levels - 2; i >= 0; i--) {
                NDArray lateral = call(innerBlocks.get(i), ps, x.get(i), training, params);
                NDArray topDown = nearestResize(lastInner, lateral.getShape());
                lastInner = lateral.add(topDown);
                results[i] = call(layerBlocks.get(i), ps, lastInner, training, params);
            }
            NDList pyramid = new NDList(results);
            return extraBlocks == null ? pyramid : extraBlocks.forward(ps, pyramid, training, params);
        });
    }

    /** F.interpolate(x, size=(H, W) of {@code target}, mode="nearest"). */
    private static NDArray nearestResize(NDArray x, Shape target) {
        Shape shape = x.getShape();
        if (shape.get(2) == target.get(2) && shape.get(3) == target.get(3)) {
            return x;
        }
        return x.getNDArrayInternal().interpolation(new long[] {target.get(2), target.get(3)}, NEAREST, false);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        innerBlocks.initialize(manager, dataType, inputShapes);
        Shape[] laterals = innerBlocks.getOutputShapes(inputShapes);
        layerBlocks.initialize(manager, dataType, laterals);
        if (extraBlocks != null) {
            extraBlocks.initialize(manager, dataType, layerBlocks.getOutputShapes(laterals));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] pyramid = layerBlocks.getOutputShapes(innerBlocks.getOutputShapes(inputShapes));
        return extraBlocks == null ? pyramid : extraBlocks.getOutputShapes(pyramid);
    }
}
