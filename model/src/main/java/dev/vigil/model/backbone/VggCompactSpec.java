package dev.vigil.model.backbone;

import dev.vigil.model.anchor.AnchorConfig;
import java.util.List;

/**
 * The compact VGG-style body trained from scratch on CPUs ({@link Backbones#vggCompact()}), with or without batch
 * norm: one map "0" at stride 16, the paper's 3 scales × 3 ratios at a quarter of its sizes (32, 64, 128) for its
 * smaller images. Everything trains.
 */
public final class VggCompactSpec implements BackboneSpec {

    public static final String NAME = "VGG_COMPACT";
    public static final String BATCH_NORM_NAME = "VGG_COMPACT_BN";
    /** The anchor sizes: the paper's 128, 256, 512 divided by 4. */
    public static final List<Float> ANCHOR_SIZES = List.of(32f, 64f, 128f);
    /** Batch norm lets the body train from scratch at twice {@link #FROM_SCRATCH_LEARNING_RATE}. */
    public static final float BATCH_NORM_LEARNING_RATE = 0.01f;

    private final boolean batchNorm;

    /** @param batchNorm a batch norm after each conv */
    public VggCompactSpec(boolean batchNorm) {
        this.batchNorm = batchNorm;
    }

    @Override
    public String name() {
        return batchNorm ? BATCH_NORM_NAME : NAME;
    }

    @Override
    public DetectionBackbone build() {
        return batchNorm ? Backbones.vggCompactBn() : Backbones.vggCompact();
    }

    @Override
    public List<FeatureMap> featureMaps() {
        return List.of(new FeatureMap("0", Vgg16ConvBody.FEATURE_STRIDE));
    }

    @Override
    public AnchorConfig defaultAnchors() {
        return AnchorConfig.singleLevel(ANCHOR_SIZES);
    }

    @Override
    public List<String> frozenLayers(int trainableLayers) {
        return List.of();
    }

    @Override
    public float fromScratchLearningRate() {
        return batchNorm ? BATCH_NORM_LEARNING_RATE : FROM_SCRATCH_LEARNING_RATE;
    }
}
