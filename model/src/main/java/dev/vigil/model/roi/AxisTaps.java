package dev.vigil.model.roi;

/**
 * RoIAlign's bilinear interpolation along one axis of one RoI, bin by bin, as the cells it reads and their weights.
 * Bilinear weights are separable (a sample's corner weights are products of one weight per axis), so a bin's value
 * is the sum over its row taps and column taps of rowWeight · columnWeight · feature(row, column) / count. Taps of
 * the same cell are merged: a bin's gridH samples read 2·gridH rows at most, and fewer when samples share cells, as
 * they do in bins of about one cell or less.
 *
 * <p>Sample {@code i} of a bin sits at {@code start + bin·binSize + (i + 0.5)·binSize / grid}, with torchvision's
 * border rules: a point below -1 or beyond {@code size} reads nothing (the whole sample counts 0), a point below 0
 * reads cell 0, a point at or past the last cell reads the last cell.
 *
 * @param cell the cell of each tap
 * @param weight the summed weight of each tap
 * @param first taps of bin {@code b} are {@code first[b]} to {@code first[b + 1] - 1}
 */
record AxisTaps(int[] cell, float[] weight, int[] first) {

    /**
     * @param start the RoI's first coordinate on the feature map
     * @param binSize the RoI's extent divided by {@code bins}
     * @param bins output bins along the axis
     * @param grid samples per bin along the axis
     * @param size the feature map's extent along the axis
     */
    static AxisTaps of(float start, float binSize, int bins, int grid, int size) {
        AxisTaps taps = new AxisTaps(new int[2 * bins * grid], new float[2 * bins * grid], new int[bins + 1]);
        int n = 0;
        for (int bin = 0; bin < bins; bin++) {
            taps.first[bin] = n;
            for (int i = 0; i < grid; i++) {
                n = taps.addSample(start + bin * binSize + (i + .5f) * binSize / grid, size, taps.first[bin], n);
            }
        }
        taps.first[bins] = n;
        return taps;
    }

    /** Taps of bin {@code bin}. */
    int count(int bin) {
        return first[bin + 1] - first[bin];
    }

    /** The largest {@link #count} over the bins. */
    int maxCount() {
        int max = 0;
        for (int bin = 0; bin + 1 < first.length; bin++) {
            max = Math.max(max, count(bin));
        }
        return max;
    }

    /** Adds the two cells around {@code point} to the bin whose taps start at {@code binFirst}; returns the taps. */
    private int addSample(float point, int size, int binFirst, int n) {
        if (!(point >= -1.0 && point <= size)) {
            return n;
        }
        float p = Math.max(point, 0f);
        int low = (int) p;
        int high;
        if (low >= size - 1) {
            high = low = size - 1;
            p = low;
        } else {
            high = low + 1;
        }
        float highWeight = p - low;
        return add(high, highWeight, binFirst, add(low, 1f - highWeight, binFirst, n));
    }

    private int add(int c, float w, int binFirst, int n) {
        for (int t = binFirst; t < n; t++) {
            if (cell[t] == c) {
                weight[t] += w;
                return n;
            }
        }
        cell[n] = c;
        weight[n] = w;
        return n + 1;
    }
}
