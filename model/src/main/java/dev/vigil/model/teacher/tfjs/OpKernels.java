package dev.vigil.model.teacher.tfjs;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The ops this reader runs, by TF op name. */
public final class OpKernels {

    private static final Map<String, OpKernel> STANDARD = build();

    private OpKernels() {}

    /** Every supported op. */
    public static Map<String, OpKernel> standard() {
        return STANDARD;
    }

    private static Map<String, OpKernel> build() {
        Map<String, OpKernel> kernels = new HashMap<>();
        ConvolutionKernels.register(kernels);
        ElementwiseKernels.register(kernels);
        ShapeKernels.register(kernels);
        kernels.put("ResizeBilinear", new ResizeBilinearKernel());
        kernels.put("TopKV2", new TopKKernel());
        return Collections.unmodifiableMap(kernels);
    }
}
