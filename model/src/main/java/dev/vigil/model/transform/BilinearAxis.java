package dev.vigil.model.transform;

/**
 * Where each output index along one axis samples the input under torch's {@code upsample_bilinear2d} on CPU
 * (align_corners=false, no antialiasing, sampling ratio input/output size): output index i samples the input at
 * {@code max(0, (in/out)·(i + 0.5) - 0.5)} (ratio in float32, position in double: what torch 1.13's kernel computes,
 * checked against it to one float32 ulp), between that position's floor and the next index (the last index repeats at
 * the border), weighted {@code lambda0} and {@code lambda1} in float32 (torch's
 * {@code compute_source_index_and_lambda}). At equal sizes every index samples itself with weights 1 and 0.
 *
 * <p>DJL's own interpolation antialiases when downscaling, which torchvision's detection transform does not.
 */
final class BilinearAxis {

    private final int[] index0;
    private final int[] index1;
    private final float[] lambda0;
    private final float[] lambda1;

    BilinearAxis(int inSize, int outSize) {
        index0 = new int[outSize];
        index1 = new int[outSize];
        lambda0 = new float[outSize];
        lambda1 = new float[outSize];
        float scale = (float) inSize / outSize;
        for (int i = 0; i < outSize; i++) {
            if (inSize == outSize) {
                index0[i] = i;
                index1[i] = i;
                lambda0[i] = 1f;
                continue;
            }
            double source = Math.max(scale * (i + 0.5) - 0.5, 0.0);
            int floor = (int) source;
            index0[i] = floor;
            index1[i] = floor < inSize - 1 ? floor + 1 : floor;
            lambda1[i] = (float) Math.min(source - floor, 1.0);
            lambda0[i] = 1f - lambda1[i];
        }
    }

    /** The lower input index output index {@code i} samples. */
    int index0(int i) {
        return index0[i];
    }

    /** The upper input index (equal to the lower one at the border). */
    int index1(int i) {
        return index1[i];
    }

    /** The lower index's weight. */
    float lambda0(int i) {
        return lambda0[i];
    }

    /** The upper index's weight. */
    float lambda1(int i) {
        return lambda1[i];
    }
}
