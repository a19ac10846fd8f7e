package dev.vigil.model.data;

import java.util.Arrays;
import java.util.List;

/** A dataset's category id → a model's class index (see {@link ClassMap#forCategories}). */
public final class CategoryClasses {

    private final int[] sortedIds;
    private final int[] classIndices;

    /** @param ids category ids, {@code classIndices[i]} the class of {@code ids[i]}; ids must be distinct */
    CategoryClasses(int[] ids, int[] classIndices) {
        Integer[] order = new Integer[ids.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Integer.compare(ids[a], ids[b]));
        this.sortedIds = new int[ids.length];
        this.classIndices = new int[ids.length];
        for (int i = 0; i < order.length; i++) {
            sortedIds[i] = ids[order[i]];
            this.classIndices[i] = classIndices[order[i]];
            if (i > 0 && sortedIds[i] == sortedIds[i - 1]) {
                throw new IllegalArgumentException("category id " + sortedIds[i] + " appears twice");
            }
        }
    }

    /**
     * @throws IllegalArgumentException when the dataset has no such category
     */
    public int classIndex(int categoryId) {
        int at = Arrays.binarySearch(sortedIds, categoryId);
        if (at < 0) {
            throw new IllegalArgumentException("category id " + categoryId + " is not one of the dataset's categories "
                    + Arrays.toString(sortedIds));
        }
        return classIndices[at];
    }

    /** The class index of every box's category, in order (a training target's labels). */
    public int[] classIndices(List<GroundTruthBox> boxes) {
        int[] labels = new int[boxes.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classIndex(boxes.get(i).categoryId());
        }
        return labels;
    }
}
