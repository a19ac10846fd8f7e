package dev.vigil.model.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The paper's VGG-16 feature extractor: torchvision's {@code vgg16().features} up to conv5_3 + relu, without the
 * last max-pool ({@code features[:-1]}), so stride 16 and 512 channels. Child "features" keeps torchvision's
 * indices (convs at 0, 2, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28), so ImageNet VGG-16 weights
 * ({@code features.N.weight}) load into it. Output: one feature map "0" (N, 512, ⌊H/16⌋, ⌊W/16⌋).
 */
public final class Vgg16ConvBody extends DetectionBackbone {

    /** torchvision's cfgs["D"]: conv widths, with {@link #POOL} for 2×2 max-pools; the final pool is left out. */
    public static final List<Integer> CONFIG_D_WITHOUT_LAST_POOL =
            List.of(64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512);
    /** A compact body in the same layout (16, 32, 64, 128, 128 wide stages; stride 16) for training from scratch. */
    public static final List<Integer> COMPACT = List.of(16, 0, 32, 0, 64, 0, 128, 128, 0, 128, 128);
    /** Marks a max-pool in {@link #CONFIG_D_WITHOUT_LAST_POOL}. */
    public static final int POOL = 0;
    /** Stride of conv5_3 relative to the image. */
    public static final int FEATURE_STRIDE = 16;

    private static final int IMAGE_CHANNELS = 3;
    private static final int KERNEL = 3;
    private static final int POOL_SIZE = 2;

    private final IndexedSequential features = new IndexedSequential();
    private final int outChannels;

    public Vgg16ConvBody() {
        this(CONFIG_D_WITHOUT_LAST_POOL);
    }

    /** @param config conv widths and {@link #POOL}s, as torchvision's {@code make_layers} reads them */
    public Vgg16ConvBody(List<Integer> config) {
        this(config, false);
    }

    /**
     * @param config conv widths and {@link #POOL}s
     * @param batchNorm a {@link BatchNorm2d} after each conv, as torchvision's {@code make_layers(cfg,
     *     batch_norm=True)} ({@code vgg16_bn}: conv, bn, relu per layer)
     */
    public Vgg16ConvBody(List<Integer> config, boolean batchNorm) {
        int channels = IMAGE_CHANNELS;
        for (int width : config) {
            if (width == POOL) {
                features.add(new MaxPool2d(POOL_SIZE, POOL_SIZE, 0));
            } else {
                features.add(TorchConv2d.builder(channels, width, KERNEL)
                        .padding(KERNEL / 2)
                        .build());
                if (batchNorm) {
                    features.add(new BatchNorm2d(width));
                }
                features.add(new ActivationBlock(ActivationBlock.Kind.RELU, true));
                channels = width;
            }
        }
        this.outChannels = channels;
        addChildBlock("features", features);
    }

    @Override
    public int outChannels() {
        return outChannels;
    }

    @Override
    public List<String> featureMapNames() {
        return List.of("0");
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return features.forward(ps, inputs, training, params);
    }
}
