package dev.vigil.model.anchor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Anchors (the paper's section 3.1.1) exactly as torchvision's {@code AnchorGenerator}: per feature level a set of
 * sizes and aspect ratios (ratio = height / width); A = |sizes| × |ratios| cell anchors per location, centred on
 * (0, 0) and rounded to integers (half to even, as {@code torch.round}); cell anchors shifted by
 * (x·stride_w, y·stride_h) for every feature location, location-major then anchor (H·W·A anchors per level, row by
 * row). The stride of a level is {@code image_size // feature_size} per axis, image_size being the padded batch size.
 * All values are float32 and equal torchvision's bit for bit.
 */
public final class AnchorGenerator {

    /** The paper's feature stride (VGG-16 conv5_3). */
    public static final int PAPER_STRIDE = 16;

    private final List<float[]> sizes;
    private final List<float[]> aspectRatios;
    private final List<float[]> cellAnchors;

    /**
     * @param sizes per level, the anchor sizes (square root of the anchor area at ratio 1)
     * @param aspectRatios per level, the aspect ratios (height / width)
     */
    public AnchorGenerator(List<float[]> sizes, List<float[]> aspectRatios) {
        if (sizes == null || aspectRatios == null || sizes.isEmpty() || sizes.size() != aspectRatios.size()) {
            throw new IllegalArgumentException(
                    "sizes and aspectRatios must list the same, non-zero number of levels, got "
                            + (sizes == null ? "null" : sizes.size()) + " and "
                            + (aspectRatios == null ? "null" : aspectRatios.size()));
        }
        this.sizes = new ArrayList<>();
        this.aspectRatios = new ArrayList<>();
        this.cellAnchors = new ArrayList<>();
        for (int level = 0; level < sizes.size(); level++) {
            float[] s = checkedPositive(sizes.get(level), "sizes[" + level + "]");
            float[] r = checkedPositive(aspectRatios.get(level), "aspectRatios[" + level + "]");
            this.sizes.add(s);
            this.aspectRatios.add(r);
            this.cellAnchors.add(cellAnchors(s, r));
        }
    }

    /**
     * Zero-centred anchors for one level as torchvision's {@code generate_anchors}: for each ratio r (outer) and
     * size s (inner), w = s / sqrt(r), h = s·sqrt(r), anchor round((-w, -h, w, h) / 2).
     *
     * @return A×4 anchors, A = |ratios| × |sizes|
     */
    static float[] cellAnchors(float[] sizes, float[] ratios) {
        float[] anchors = new float[sizes.length * ratios.length * 4];
        int o = 0;
        for (float ratio : ratios) {
            float hRatio = (float) Math.sqrt(ratio);
            float wRatio = 1f / hRatio;
            for (float size : sizes) {
                float w = wRatio * size;
                float h = hRatio * size;
                anchors[o++] = (float) Math.rint(-w / 2f);
                anchors[o++] = (float) Math.rint(-h / 2f);
                anchors[o++] = (float) Math.rint(w / 2f);
                anchors[o++] = (float) Math.rint(h / 2f);
            }
        }
        return anchors;
    }

    /** Number of levels (feature maps) this generator expects. */
    public int numLevels() {
        return sizes.size();
    }

    /** Anchors per feature location, per level (torchvision's {@code num_anchors_per_location}). */
    public int[] anchorsPerLocation() {
        int[] counts = new int[numLevels()];
        for (int level = 0; level < counts.length; level++) {
            counts[level] = sizes.get(level).length * aspectRatios.get(level).length;
        }
        return counts;
    }

    /** The zero-centred A×4 cell anchors of a level (a copy). */
    public float[] cellAnchors(int level) {
        return cellAnchors.get(checkLevel(level)).clone();
    }

    /**
     * Anchors of one level over a grid.
     *
     * @return (gridHeight·gridWidth·A)×4 anchors, location-major (row by row), anchor-minor
     */
    public float[] gridAnchors(int level, int gridHeight, int gridWidth, int strideHeight, int strideWidth) {
        float[] cell = cellAnchors.get(checkLevel(level));
        if (gridHeight < 0 || gridWidth < 0 || strideHeight <= 0 || strideWidth <= 0) {
            throw new IllegalArgumentException("grid " + gridHeight + "×" + gridWidth + " must be >= 0 and strides "
                    + strideHeight + "×" + strideWidth + " positive at level " + level);
        }
        int a = cell.length / 4;
        float[] anchors = new float[gridHeight * gridWidth * cell.length];
        int o = 0;
        for (int y = 0; y < gridHeight; y++) {
            float shiftY = (float) (y * strideHeight);
            for (int x = 0; x < gridWidth; x++) {
                float shiftX = (float) (x * strideWidth);
                for (int k = 0; k < a; k++) {
                    anchors[o++] = shiftX + cell[4 * k];
                    anchors[o++] = shiftY + cell[4 * k + 1];
                    anchors[o++] = shiftX + cell[4 * k + 2];
                    anchors[o++] = shiftY + cell[4 * k + 3];
                }
            }
        }
        return anchors;
    }

    /**
     * Anchors per level count: H_i·W_i·A_i for each feature map.
     *
     * @param featureSizes per level {height, width}
     */
    public long[] numAnchorsPerLevel(List<int[]> featureSizes) {
        checkLevels(featureSizes);
        int[] perLocation = anchorsPerLocation();
        long[] counts = new long[featureSizes.size()];
        for (int level = 0; level < counts.length; level++) {
            counts[level] = (long) featureSizes.get(level)[0] * featureSizes.get(level)[1] * perLocation[level];
        }
        return counts;
    }

    /**
     * All anchors of all levels for one (padded) image size, as torchvision's {@code forward}; every image of a
     * batch shares them.
     *
     * @param imageHeight padded batch height (the strides are imageHeight // H_i)
     * @param imageWidth padded batch width
     * @param featureSizes per level {height, width} of the feature map
     * @return (Σ H_i·W_i·A_i)×4 anchors, level after level
     */
    public float[] anchors(int imageHeight, int imageWidth, List<int[]> featureSizes) {
        checkLevels(featureSizes);
        List<float[]> perLevel = new ArrayList<>();
        int total = 0;
        for (int level = 0; level < featureSizes.size(); level++) {
            int[] grid = featureSizes.get(level);
            if (grid[0] <= 0 || grid[1] <= 0 || grid[0] > imageHeight || grid[1] > imageWidth) {
                throw new IllegalArgumentException("feature map " + Arrays.toString(grid) + " at level " + level
                        + " must be non-empty and no larger than the image " + imageHeight + "×" + imageWidth);
            }
            float[] anchors = gridAnchors(level, grid[0], grid[1], imageHeight / grid[0], imageWidth / grid[1]);
            perLevel.add(anchors);
            total += anchors.length;
        }
        float[] all = new float[total];
        int o = 0;
        for (float[] anchors : perLevel) {
            System.arraycopy(anchors, 0, all, o, anchors.length);
            o += anchors.length;
        }
        return all;
    }

    /** {@link #anchors(int, int, List)} as an engine array (Σ H_i·W_i·A_i)×4 in {@code manager}. */
    public NDArray anchors(NDManager manager, int imageHeight, int imageWidth, List<int[]> featureSizes) {
        float[] anchors = anchors(imageHeight, imageWidth, featureSizes);
        return manager.create(anchors, new Shape(anchors.length / 4, 4));
    }

    private void checkLevels(List<int[]> featureSizes) {
        if (featureSizes == null || featureSizes.size() != numLevels()) {
            throw new IllegalArgumentException(
                    "expected " + numLevels() + " feature map sizes, one per anchor level, got "
                            + (featureSizes == null ? "null" : featureSizes.size()));
        }
        for (int[] size : featureSizes) {
            if (size == null || size.length != 2) {
                throw new IllegalArgumentException("each feature map size must be {height, width}");
            }
        }
    }

    private int checkLevel(int level) {
        if (level < 0 || level >= numLevels()) {
            throw new IllegalArgumentException("level " + level + " out of range [0, " + numLevels() + ")");
        }
        return level;
    }

    private static float[] checkedPositive(float[] values, String name) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        for (float v : values) {
            if (!(v > 0) || Float.isInfinite(v)) {
                throw new IllegalArgumentException(
                        name + " must hold positive finite values, got " + Arrays.toString(values));
            }
        }
        return values.clone();
    }
}
