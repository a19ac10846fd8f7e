package dev.vigil.model.backbone;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.List;

/**
 * Factories for the detection backbones, laid out exactly as torchvision 0.14 builds them (so their
 * state_dicts load key for key), with frozen batch norm everywhere as torchvision's detection builders use
 * with pretrained weights.
 * Which of their layers train is {@code dev.vigil.model.train.FrozenLayers}' concern.
 */
public final class Backbones {

    private Backbones() {}

    /** {@code resnet_fpn_backbone('resnet50')}: outputs "0".."3" (strides 4..32) and "pool", 256 channels. */
    public static BackboneWithFpn resnet50Fpn() {
        return resnetFpn(
                ResNet.RESNET50_BLOCKS,
                ResNet.ALL_LAYERS,
                FeaturePyramidNetwork.DEFAULT_OUT_CHANNELS,
                FrozenBatchNorm2d.DEFAULT_EPS);
    }

    /** A ResNet + FPN backbone returning layer{i} for each of {@code returnedLayers} to the FPN. */
    public static BackboneWithFpn resnetFpn(
            List<Integer> blocksPerLayer, List<Integer> returnedLayers, int fpnChannels, float normEps) {
        IntermediateLayerGetter body = ResNet.body(blocksPerLayer, returnedLayers, normEps);
        List<Integer> inChannels =
                returnedLayers.stream().map(ResNet::layerChannels).toList();
        return new BackboneWithFpn(body, inChannels, fpnChannels);
    }

    /**
     * The backbone of {@code fasterrcnn_mobilenet_v3_large_fpn}: MobileNetV3-Large features returning modules
     * "13" (C4, 160 channels) and "16" (960 channels), both at stride 32, to an FPN; outputs "0", "1", "pool",
     * 256 channels.
     */
    public static BackboneWithFpn mobileNetV3LargeFpn() {
        return mobileNetV3Fpn(
                MobileNetV3.LARGE,
                MobileNetV3.RETURNED_STAGES,
                FeaturePyramidNetwork.DEFAULT_OUT_CHANNELS,
                FrozenBatchNorm2d.DEFAULT_EPS);
    }

    /** A MobileNetV3 + FPN backbone returning the last {@code returnedStages} stages to the FPN. */
    public static BackboneWithFpn mobileNetV3Fpn(
            List<InvertedResidualConfig> table, int returnedStages, int fpnChannels, float normEps) {
        List<Integer> stages = MobileNetV3.stageIndices(table);
        if (returnedStages < 1 || returnedStages > stages.size()) {
            throw new IllegalArgumentException(
                    "returned stages must be in [1, " + stages.size() + "], got " + returnedStages);
        }
        List<Integer> returned = stages.subList(stages.size() - returnedStages, stages.size());
        List<Pair<String, Block>> features = MobileNetV3.features(table, normEps);
        IntermediateLayerGetter body = new IntermediateLayerGetter(
                features, returned.stream().map(String::valueOf).toList());
        List<Integer> inChannels = returned.stream()
                .map(i -> MobileNetV3.featureChannels(table, i))
                .toList();
        return new BackboneWithFpn(body, inChannels, fpnChannels);
    }

    /**
     * A compact VGG-style conv body for training from scratch on CPUs: {@link Vgg16ConvBody#COMPACT}, stride 16,
     * 128 channels, one feature map "0"; about a twentieth of VGG-16's work per pixel.
     */
    public static Vgg16ConvBody vggCompact() {
        return new Vgg16ConvBody(Vgg16ConvBody.COMPACT);
    }

    /** {@link #vggCompact()} with batch norm after every conv (trains from scratch much faster). */
    public static Vgg16ConvBody vggCompactBn() {
        return new Vgg16ConvBody(Vgg16ConvBody.COMPACT, true);
    }

    /** The paper's VGG-16 conv body: conv5_3 at stride 16, 512 channels, one feature map "0". */
    public static Vgg16ConvBody vgg16() {
        return new Vgg16ConvBody();
    }
}
