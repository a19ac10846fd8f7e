package dev.vigil.model.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training batches that hold only images on the same side of aspect ratio 1 (wide or tall), so padding a batch to
 * its largest image wastes little (torchvision's {@code GroupedBatchSampler} with two groups). Each epoch visits
 * every image once in an order drawn from the seed and the epoch number; a group's last batch may be smaller.
 */
public final class AspectRatioGroupedBatches {

    private final boolean[] wide;
    private final int batchSize;
    private final long seed;

    /**
     * @param widths image widths, one per dataset index
     * @param heights image heights, in the same order
     */
    public AspectRatioGroupedBatches(int[] widths, int[] heights, int batchSize, long seed) {
        if (widths.length != heights.length) {
            throw new IllegalArgumentException(widths.length + " widths but " + heights.length + " heights");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        wide = new boolean[widths.length];
        for (int i = 0; i < widths.length; i++) {
            wide[i] = widths[i] >= heights[i];
        }
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** The batches over a dataset's images (indices into {@link Dataset#images()}). */
    public static AspectRatioGroupedBatches of(Dataset dataset, int batchSize, long seed) {
        List<AnnotatedImage> images = dataset.images();
        return new AspectRatioGroupedBatches(
                images.stream().mapToInt(AnnotatedImage::width).toArray(),
                images.stream().mapToInt(AnnotatedImage::height).toArray(),
                batchSize,
                seed);
    }

    /** Whether image {@code index} is at least as wide as tall. */
    public boolean isWide(int index) {
        return wide[index];
    }

    /** Epoch {@code epoch}'s batches of image indices, in training order. */
    public List<int[]> epoch(int epoch) {
        int[] order = shuffledIndices(new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L))));
        List<int[]> batches = new ArrayList<>(order.length / batchSize + 2);
        int[][] pending = {new int[batchSize], new int[batchSize]};
        int[] filled = new int[2];
        for (int index : order) {
            int group = wide[index] ? 1 : 0;
            pending[group][filled[group]++] = index;
            if (filled[group] == batchSize) {
                batches.add(pending[group].clone());
                filled[group] = 0;
            }
        }
        for (int group = 0; group < 2; group++) {
            if (filled[group] > 0) {
                batches.add(Arrays.copyOf(pending[group], filled[group]));
            }
        }
        return batches;
    }

    private int[] shuffledIndices(SplittableRandom random) {
        int[] order = new int[wide.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
