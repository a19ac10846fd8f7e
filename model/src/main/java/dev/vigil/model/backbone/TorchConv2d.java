package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.engine.InferenceKernels;
import java.util.HashMap;
import java.util.Map;

/**
 * torch's {@code nn.Conv2d} with its channel counts given up front, so its parameters have their shapes before
 * initialization: {@code weight} (out, in/groups, k, k) and, when enabled, {@code bias} (out).
 * Input (N, in, H, W) → output (N, out, H', W') with H' = ⌊(H + 2p − d(k−1) − 1)/s⌋ + 1.
 */
public final class TorchConv2d extends AbstractBlock {

    /** torchvision's ResNet / MobileNetV3 / VGG init: kaiming_normal_(mode="fan_out", nonlinearity="relu"). */
    public static final Initializer KAIMING_NORMAL_FAN_OUT =
            new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);
    /** torchvision's FPN init: kaiming_uniform_(a=1), i.e. U(±√(3/fan_in)). */
    public static final Initializer KAIMING_UNIFORM_A1 =
            new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 3);

    /** Input sizes whose packed weights are kept (a detector sees a few: its levels, its batch sizes). */
    private static final int MAX_PACKED_SIZES = 8;

    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;
    /** The bias a folded batch norm left, when the conv has no bias parameter (see {@link BatchNormFolding}). */
    private NDArray foldedBias;
    /** The weight in channels-last memory, for inference (see {@link #useChannelsLastWeight}). */
    private NDArray channelsLastWeight;
    /** For inference on libtorch's oneDNN kernel (see {@link #runFused}); null: DJL's conv2d. */
    private InferenceKernels.Activation fusedActivation;
    /** The weight packed for oneDNN, per input size (the RPN's conv runs on every level). */
    private final Map<Shape, NDArray> packedWeights = new HashMap<>();
    /** The packed kernel's bias for a conv without one (its schema takes a tensor). */
    private NDArray zeroBias;

    private TorchConv2d(Builder builder) {
        if (builder.inChannels % builder.groups != 0 || builder.outChannels % builder.groups != 0) {
            throw new IllegalArgumentException("channels " + builder.inChannels + "→" + builder.outChannels
                    + " are not divisible by groups " + builder.groups);
        }
        this.outChannels = builder.outChannels;
        this.kernel = builder.kernel;
        this.stride = builder.stride;
        this.padding = builder.padding;
        this.dilation = builder.dilation;
        this.groups = builder.groups;
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optInitializer(builder.weightInitializer)
                .optShape(new Shape(outChannels, builder.inChannels / groups, kernel, kernel))
                .build());
        this.bias = builder.bias
                ? addParameter(Parameter.builder()
                        .setName("bias")
                        .setType(Parameter.Type.BIAS)
                        .optShape(new Shape(outChannels))
                        .build())
                : null;
    }

    /** A builder for a conv of {@code kernel}×{@code kernel} from {@code in} to {@code out} channels. */
    public static Builder builder(int in, int out, int kernel) {
        return new Builder(in, out, kernel);
    }

    public int outChannels() {
        return outChannels;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (fusedActivation != null && !training && !Autograd.isOn()) {
            return new NDList(runPacked(x));
        }
        NDArray w = channelsLastWeight != null
                ? channelsLastWeight
                : parameterStore.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? foldedBias : parameterStore.getValue(bias, x.getDevice(), training);
        return Conv2d.conv2d(
                x, w, b, new Shape(stride, stride), new Shape(padding, padding), new Shape(dilation, dilation), groups);
    }

    /**
     * Folds a per-output-channel affine map y·scale + shift that follows this conv into its weights: weight ×=
     * scale, bias = bias·scale + shift. For inference only: the weights no longer match the state_dict.
     */
    void foldAffine(NDArray scale, NDArray shift) {
        if (channelsLastWeight != null) {
            throw new IllegalStateException("fold batch norms before the weight is copied channels-last");
        }
        NDArray w = weight.getArray();
        try (NDArray perOutput = scale.reshape(outChannels, 1, 1, 1)) {
            w.muli(perOutput);
        }
        if (bias != null) {
            bias.getArray().muli(scale).addi(shift);
        } else {
            foldedBias = shift.duplicate();
            foldedBias.attach(w.getManager());
        }
    }

    /**
     * For inference, after any batch-norm folding: keeps a copy of the weight in channels-last memory (out × k × k ×
     * in/groups, viewed as out × in/groups × k × k), the layout oneDNN wants for channels-last inputs; otherwise torch
     * copies a k×k weight into that layout at every call (the FPN's and RPN's 3×3 convs: 2.4 MB each, five times a
     * frame). A 1×1 or depthwise weight lies the same in both layouts and is left as it is. The same values; the conv
     * no longer follows later changes of its weight parameter. Idempotent.
     */
    public void useChannelsLastWeight() {
        NDArray w = weight.getArray();
        Shape shape = w.getShape();
        if (channelsLastWeight != null || kernel == 1 || shape.get(1) == 1) {
            return;
        }
        try (NDArray byPixel = w.transpose(0, 2, 3, 1);
                NDArray flat = byPixel.reshape(-1); // reshape copies the permuted view in its logical order
                NDArray nhwc = flat.reshape(shape.get(0), shape.get(2), shape.get(3), shape.get(1))) {
            channelsLastWeight = nhwc.transpose(0, 3, 1, 2); // a view: it keeps the copy's memory alive
        }
    }

    /**
     * For inference, after any batch-norm folding: runs on libtorch's oneDNN convolution with {@code activation}
     * applied to the output inside it (the activation block after this conv must then pass its input through: see
     * {@link ConvActivationFusion}) and the weight packed once per input size into oneDNN's blocked layout, where
     * DJL's conv2d reorders the weight at every call and the activation makes another pass over the map. Same values
     * up to float rounding; the conv no longer follows later changes of its weight parameter.
     */
    void runFused(InferenceKernels.Activation activation) {
        if (packedWeights.size() > 0) {
            throw new IllegalStateException("fuse before the first packed run");
        }
        fusedActivation = activation;
    }

    private NDArray runPacked(NDArray x) {
        NDArray w = weight.getArray();
        NDArray packed = packedWeights.get(x.getShape());
        boolean kept = packed != null;
        if (packed == null) {
            packed = InferenceKernels.packConvolutionWeight(
                    w, padding, stride, dilation, groups, x.getShape().getShape());
            if (packedWeights.size() < MAX_PACKED_SIZES) {
                packedWeights.put(x.getShape(), packed);
                kept = true;
            }
        }
        NDArray b = bias == null ? foldedBias : bias.getArray();
        if (b == null) {
            if (zeroBias == null) {
                zeroBias = w.getManager().zeros(new Shape(outChannels));
            }
            b = zeroBias;
        }
        NDArray y = InferenceKernels.convolution(x, packed, b, padding, stride, dilation, groups, fusedActivation);
        if (!kept) { // (not containsValue: NDArray.equals compares contents, which a packed tensor cannot)
            packed.close();
        }
        return y;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), outChannels, outputSize(in.get(2)), outputSize(in.get(3)))};
    }

    private long outputSize(long size) {
        return Math.floorDiv(size + 2L * padding - (long) dilation * (kernel - 1) - 1, stride) + 1;
    }

    /** Options of a {@link TorchConv2d}; defaults as {@code nn.Conv2d}: stride 1, padding 0, no dilation, bias. */
    public static final class Builder {
        private final int inChannels;
        private final int outChannels;
        private final int kernel;
        private int stride = 1;
        private int padding;
        private int dilation = 1;
        private int groups = 1;
        private boolean bias = true;
        private Initializer weightInitializer = KAIMING_NORMAL_FAN_OUT;

        private Builder(int inChannels, int outChannels, int kernel) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.kernel = kernel;
        }

        public Builder stride(int value) {
            stride = value;
            return this;
        }

        public Builder padding(int value) {
            padding = value;
            return this;
        }

        public Builder dilation(int value) {
            dilation = value;
            return this;
        }

        public Builder groups(int value) {
            groups = value;
            return this;
        }

        public Builder bias(boolean value) {
            bias = value;
            return this;
        }

        public Builder weightInitializer(Initializer value) {
            weightInitializer = value;
            return this;
        }

        public TorchConv2d build() {
            return new TorchConv2d(this);
        }
    }
}
