package dev.vigil.model.roi;

import ai.djl.Device;

/** How a RoI pooling op computes: with engine ops that gradients pass through, or in JVM loops for inference. */
public enum PoolingPath {

    /** Engine ops (one gather and one reduction per chunk of RoIs) on the features' device; gradients reach them. */
    DIFFERENTIABLE,

    /**
     * Loops over a one-time JVM copy of the feature map(s) that are read, written into one new float32 array: no
     * gradient reaches the features. The fast path for inference on the CPU.
     */
    INFERENCE;

    /**
     * The path for a forward pass: {@link #DIFFERENTIABLE} when training, or when the features are not on the CPU
     * (copying them to the JVM would cost a transfer each way); {@link #INFERENCE} otherwise.
     *
     * @param training whether gradients must reach the features (DJL's {@code training} flag of a forward pass)
     * @param device where the feature maps are
     */
    public static PoolingPath of(boolean training, Device device) {
        return training || !Device.Type.CPU.equals(device.getDeviceType()) ? DIFFERENTIABLE : INFERENCE;
    }
}
