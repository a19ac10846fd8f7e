package dev.vigil.model.roi;

/**
 * RoIAlign's bilinear sample points along one axis of one RoI, computed once and shared by every channel (the
 * interpolation is separable: a sample's corner weights are products of one weight per axis). Sample
 * {@code bin·grid + i} sits at {@code start + bin·binSize + (i + 0.5)·binSize / grid}; torchvision's border rules:
 * a point below -1 or beyond {@code size} is {@link #inside outside} (the whole sample counts 0), a point below 0
 * reads 0, a point at or past the last cell reads the last cell.
 *
 * @param low the cell at or below each point
 * @param high the next cell (the same one at the last cell)
 * @param lowWeight 1 - (point - low): the weight of {@code low}
 * @param highWeight point - low: the weight of {@code high}
 * @param inside whether the point is within [-1, size]
 */
record AxisSamples(int[] low, int[] high, float[] lowWeight, float[] highWeight, boolean[] inside) {

    /**
     * @param start the RoI's first coordinate on the feature map
     * @param binSize the RoI's extent divided by {@code bins}
     * @param bins output bins along the axis
     * @param grid samples per bin along the axis
     * @param size the feature map's extent along the axis
     */
    static AxisSamples of(float start, float binSize, int bins, int grid, int size) {
        int n = bins * grid;
        AxisSamples s = new AxisSamples(new int[n], new int[n], new float[n], new float[n], new boolean[n]);
        for (int bin = 0; bin < bins; bin++) {
            for (int i = 0; i < grid; i++) {
                s.place(bin * grid + i, start + bin * binSize + (i + .5f) * binSize / grid, size);
            }
        }
        return s;
    }

    private void place(int sample, float point, int size) {
        if (!(point >= -1.0 && point <= size)) {
            return;
        }
        float p = Math.max(point, 0f);
        int lo = (int) p;
        int hi;
        if (lo >= size - 1) {
            hi = lo = size - 1;
            p = lo;
        } else {
            hi = lo + 1;
        }
        float highW = p - lo;
        inside[sample] = true;
        low[sample] = lo;
        high[sample] = hi;
        lowWeight[sample] = 1f - highW;
        highWeight[sample] = highW;
    }
}
