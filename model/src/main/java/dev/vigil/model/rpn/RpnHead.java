package dev.vigil.model.rpn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.vigil.model.backbone.ActivationBlock;
import dev.vigil.model.backbone.IndexedSequential;
import dev.vigil.model.io.StateDict;
import java.util.regex.Pattern;

/**
 * The RPN head of the paper (section 3.1): a 3×3 conv + ReLU sliding over each feature map, then two sibling 1×1
 * convs giving A objectness logits and 4A box deltas per location. The same weights serve every level.
 *
 * <p>Block tree = torchvision 0.14's {@code RPNHead}: {@code conv} (a Sequential of {@code convDepth}
 * Conv2dNormActivation without norm, each Sequential(Conv2d, ReLU)), {@code cls_logits}, {@code bbox_pred}; so
 * the parameters are {@code conv.0.0.weight/bias}, {@code cls_logits.weight/bias}, {@code bbox_pred.weight/bias}.
 * Weights start as N(0, 0.01²), biases 0, as torchvision.
 *
 * <p>Input: L feature maps N×C×Hi×Wi. Output: L objectness maps N×A×Hi×Wi followed by L delta maps N×4A×Hi×Wi.
 */
public final class RpnHead extends AbstractBlock {

    /** Convolutions before the two sibling layers in torchvision (and the paper). */
    public static final int DEFAULT_CONV_DEPTH = 1;
    /** Std of the normal initialisation of every conv weight. */
    public static final float INIT_STD = 0.01f;
    /** Prefix of the head in a torchvision Faster R-CNN state_dict. */
    /** Where the head sits in a Faster R-CNN state_dict. */
    public static final String MODULE_PREFIX = "rpn.head";
    /** torchvision's {@code RPNHead._version}: 2 since the conv became a Sequential. */
    public static final int VERSION = 2;

    private static final Pattern LEGACY_KEY = Pattern.compile("^conv\\.(weight|bias)$");

    private final Block conv;
    private final Block clsLogits;
    private final Block bboxPred;

    /**
     * @param inChannels channels C of every feature map (the 3×3 conv keeps C channels)
     * @param anchorsPerLocation A, the same on every level
     * @param convDepth number of 3×3 conv + ReLU layers
     */
    public RpnHead(int inChannels, int anchorsPerLocation, int convDepth) {
        if (inChannels <= 0 || anchorsPerLocation <= 0 || convDepth <= 0) {
            throw new IllegalArgumentException(
                    "RpnHead needs positive inChannels, anchorsPerLocation and convDepth, got " + inChannels + ", "
                            + anchorsPerLocation + ", " + convDepth);
        }
        IndexedSequential convs = new IndexedSequential();
        for (int i = 0; i < convDepth; i++) {
            convs.add(new IndexedSequential()
                    .add(conv(inChannels, 3, 1))
                    .add(new ActivationBlock(ActivationBlock.Kind.RELU, true)));
        }
        conv = addChildBlock("conv", convs);
        clsLogits = addChildBlock("cls_logits", conv(anchorsPerLocation, 1, 0));
        bboxPred = addChildBlock("bbox_pred", conv(4 * anchorsPerLocation, 1, 0));
        setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
    }

    /** A head with torchvision's single 3×3 conv. */
    public RpnHead(int inChannels, int anchorsPerLocation) {
        this(inChannels, anchorsPerLocation, DEFAULT_CONV_DEPTH);
    }

    private static Conv2d conv(int filters, int kernel, int padding) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(padding, padding))
                .setFilters(filters)
                .build();
    }

    /**
     * Renames the keys of a head saved before its version 2 ({@code conv.weight} → {@code conv.0.0.weight}, as in
     * torchvision's official COCO weights), as {@code RPNHead._load_from_state_dict} does.
     *
     * @param modulePrefix the head's key prefix without trailing dot, e.g. {@link #MODULE_PREFIX}
     */
    public static StateDict upgradeLegacyKeys(StateDict stateDict, String modulePrefix) {
        return stateDict.upgradeLegacyModule(
                modulePrefix, VERSION, local -> LEGACY_KEY.matcher(local).replaceFirst("conv.0.0.$1"));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList objectness = new NDList(inputs.size());
        NDList deltas = new NDList(inputs.size());
        for (int level = 0; level < inputs.size(); level++) {
            NDList hidden = conv.forward(parameterStore, new NDList(inputs.get(level)), training, params);
            objectness.add(
                    clsLogits.forward(parameterStore, hidden, training, params).singletonOrThrow());
            deltas.add(
                    bboxPred.forward(parameterStore, hidden, training, params).singletonOrThrow());
        }
        objectness.addAll(deltas);
        return objectness;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[2 * inputShapes.length];
        for (int level = 0; level < inputShapes.length; level++) {
            Shape[] hidden = conv.getOutputShapes(new Shape[] {inputShapes[level]});
            out[level] = clsLogits.getOutputShapes(hidden)[0];
            out[inputShapes.length + level] = bboxPred.getOutputShapes(hidden)[0];
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] first = {inputShapes[0]};
        conv.initialize(manager, dataType, first);
        Shape[] hidden = conv.getOutputShapes(first);
        clsLogits.initialize(manager, dataType, hidden);
        bboxPred.initialize(manager, dataType, hidden);
    }
}
