package dev.vigil.model.backbone;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's ResNet with {@link Bottleneck} blocks, as the body of a detection backbone: modules conv1
 * (7×7/2), bn1, relu, maxpool (3×3/2), layer1..layer4 (strides 1, 2, 2, 2; {@code planes} 64, 128, 256, 512),
 * without avgpool and fc. layer{i} outputs 256·2^(i−1) channels at stride 2^(i+1).
 */
public final class ResNet {

    /** Bottleneck blocks per layer of ResNet-50. */
    public static final List<Integer> RESNET50_BLOCKS = List.of(3, 4, 6, 3);
    /** resnet_fpn_backbone's default: every layer feeds the FPN. */
    public static final List<Integer> ALL_LAYERS = List.of(1, 2, 3, 4);

    private static final int STEM_CHANNELS = 64;
    private static final int STEM_KERNEL = 7;
    private static final int STEM_STRIDE = 2;
    private static final int POOL_KERNEL = 3;
    private static final int POOL_STRIDE = 2;
    private static final int IMAGE_CHANNELS = 3;

    private ResNet() {}

    /**
     * The body that returns layer{i} for each i of {@code returnedLayers} (1..4, ascending), as
     * torchvision's {@code _resnet_fpn_extractor} builds it.
     */
    public static IntermediateLayerGetter body(
            List<Integer> blocksPerLayer, List<Integer> returnedLayers, float normEps) {
        if (blocksPerLayer.size() != 4) {
            throw new IllegalArgumentException("ResNet has 4 layers, got block counts " + blocksPerLayer);
        }
        List<Pair<String, Block>> modules = new ArrayList<>();
        modules.add(new Pair<>(
                "conv1",
                TorchConv2d.builder(IMAGE_CHANNELS, STEM_CHANNELS, STEM_KERNEL)
                        .stride(STEM_STRIDE)
                        .padding(STEM_KERNEL / 2)
                        .bias(false)
                        .build()));
        modules.add(new Pair<>("bn1", new FrozenBatchNorm2d(STEM_CHANNELS, normEps)));
        modules.add(new Pair<>("relu", new ActivationBlock(ActivationBlock.Kind.RELU, true)));
        modules.add(new Pair<>("maxpool", new MaxPool2d(POOL_KERNEL, POOL_STRIDE, POOL_KERNEL / 2)));
        int inChannels = STEM_CHANNELS;
        for (int layer = 1; layer <= 4; layer++) {
            int planes = STEM_CHANNELS << (layer - 1);
            int stride = layer == 1 ? 1 : 2;
            IndexedSequential blocks = new IndexedSequential();
            for (int b = 0; b < blocksPerLayer.get(layer - 1); b++) {
                blocks.add(new Bottleneck(inChannels, planes, b == 0 ? stride : 1, normEps));
                inChannels = planes * Bottleneck.EXPANSION;
            }
            modules.add(new Pair<>("layer" + layer, blocks));
        }
        List<String> returned = returnedLayers.stream()
                .map(layer -> {
                    if (layer < 1 || layer > 4) {
                        throw new IllegalArgumentException(
                                "returned ResNet layers must be in [1, 4], got " + returnedLayers);
                    }
                    return "layer" + layer;
                })
                .toList();
        return new IntermediateLayerGetter(modules, returned);
    }

    /** Channels of layer{@code layer} (1..4): 256, 512, 1024, 2048. */
    public static int layerChannels(int layer) {
        return (STEM_CHANNELS << (layer - 1)) * Bottleneck.EXPANSION;
    }
}
