package dev.vigil.model.image;

/**
 * Bilinear resizing of channel-major float images with torch's {@code upsample_bilinear2d} semantics on CPU
 * (align_corners=false, no antialiasing, sampling ratio input/output size): output pixel i samples the input at
 * {@code max(0, (in/out)·(i + 0.5) - 0.5)} (ratio in float32, position in double: what torch 1.13's kernel
 * computes, checked against it to one float32 ulp), between that index's floor and the next one (the last index
 * repeats at the border); pixel weights and sums in float32, in torch's order (width first, then height).
 *
 * <p>DJL's own interpolation antialiases when downscaling, which torchvision's detection transform does not.
 */
public final class BilinearResize {

    private BilinearResize() {}

    /**
     * @param chw C×inHeight×inWidth values
     * @return C×outHeight×outWidth values
     */
    public static float[] resize(float[] chw, int channels, ImageSize in, ImageSize out) {
        Axis rows = new Axis(in.height(), out.height());
        Axis cols = new Axis(in.width(), out.width());
        int inPlane = (int) in.pixels();
        int outPlane = (int) out.pixels();
        float[] result = new float[channels * outPlane];
        for (int c = 0; c < channels; c++) {
            int inBase = c * inPlane;
            int outIndex = c * outPlane;
            for (int y = 0; y < out.height(); y++) {
                int row0 = inBase + rows.index0[y] * in.width();
                int row1 = inBase + rows.index1[y] * in.width();
                float wy0 = rows.lambda0[y];
                float wy1 = rows.lambda1[y];
                for (int x = 0; x < out.width(); x++) {
                    int x0 = cols.index0[x];
                    int x1 = cols.index1[x];
                    float wx0 = cols.lambda0[x];
                    float wx1 = cols.lambda1[x];
                    float top = chw[row0 + x0] * wx0 + chw[row0 + x1] * wx1;
                    float bottom = chw[row1 + x0] * wx0 + chw[row1 + x1] * wx1;
                    result[outIndex++] = top * wy0 + bottom * wy1;
                }
            }
        }
        return result;
    }

    /** Source indices and weights along one axis, as torch's {@code compute_source_index_and_lambda}. */
    private static final class Axis {
        final int[] index0;
        final int[] index1;
        final float[] lambda0;
        final float[] lambda1;

        Axis(int inSize, int outSize) {
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
    }
}
