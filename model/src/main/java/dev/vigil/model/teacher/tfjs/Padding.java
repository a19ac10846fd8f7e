package dev.vigil.model.teacher.tfjs;

/**
 * TensorFlow's padding of one spatial dimension for a window op (convolution, pooling): {@code SAME} gives
 * {@code ceil(in / stride)} outputs and pads {@code total = max((out - 1)·stride + window - in, 0)}, the smaller
 * half before and the larger half after (so stride 2 on an even size pads only after, unlike PyTorch's symmetric
 * padding); {@code VALID} pads nothing.
 *
 * @param before rows or columns added before
 * @param after rows or columns added after
 */
public record Padding(int before, int after) {

    public static final Padding NONE = new Padding(0, 0);

    /**
     * @param scheme {@code SAME} or {@code VALID}
     * @param size input size of the dimension
     * @param window kernel size
     * @param stride step
     * @param dilation kernel dilation (the window spans {@code (window - 1)·dilation + 1})
     * @throws IllegalArgumentException for another scheme or a non-positive number
     */
    public static Padding of(String scheme, long size, long window, int stride, int dilation) {
        if (size <= 0 || window <= 0 || stride <= 0 || dilation <= 0) {
            throw new IllegalArgumentException("padding needs positive sizes, got size " + size + ", window " + window
                    + ", stride " + stride + ", dilation " + dilation);
        }
        return switch (scheme) {
            case "VALID" -> NONE;
            case "SAME" -> {
                long span = (window - 1) * dilation + 1;
                long out = (size + stride - 1) / stride;
                int total = (int) Math.max((out - 1) * stride + span - size, 0);
                yield new Padding(total / 2, total - total / 2);
            }
            default -> throw new IllegalArgumentException("padding '" + scheme + "' is not supported");
        };
    }

    public boolean symmetric() {
        return before == after;
    }
}
