package dev.vigil.model.eval;

import dev.vigil.model.data.Category;
import dev.vigil.model.detector.DetectedObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which dataset category each model class detects, matched by name (ignoring case and surrounding blanks), so a
 * model trained on one dataset can be evaluated on another that shares some classes (torchvision's COCO model on a
 * person/car dataset). Model classes the dataset lacks are dropped; dataset categories the model lacks are left
 * out of the evaluation (they would only count as missed).
 */
public final class ClassCategoryMapping {

    /** {@link #categoryOf} of a model class without a dataset category. */
    public static final int UNMAPPED = -1;

    private final int[] categoryOfClass;
    private final List<Category> matchedCategories;
    private final List<String> unmatchedClasses;
    private final List<String> unmatchedCategories;

    private ClassCategoryMapping(
            int[] categoryOfClass,
            List<Category> matchedCategories,
            List<String> unmatchedClasses,
            List<String> unmatchedCategories) {
        this.categoryOfClass = categoryOfClass;
        this.matchedCategories = List.copyOf(matchedCategories);
        this.unmatchedClasses = List.copyOf(unmatchedClasses);
        this.unmatchedCategories = List.copyOf(unmatchedCategories);
    }

    /**
     * @param classNames the model's class names by index, background (index 0) first; it is never mapped
     * @param categories the dataset's categories
     * @throws IllegalArgumentException when no model class names a dataset category, or two categories share a name
     */
    public static ClassCategoryMapping byName(List<String> classNames, List<Category> categories) {
        Map<String, Category> byKey = new HashMap<>();
        for (Category category : categories) {
            Category clash = byKey.put(key(category.name()), category);
            if (clash != null) {
                throw new IllegalArgumentException("dataset categories " + clash.id() + " and " + category.id()
                        + " share the name '" + category.name() + "': classes cannot be matched by name");
            }
        }
        int[] categoryOfClass = new int[classNames.size()];
        Arrays.fill(categoryOfClass, UNMAPPED);
        List<Category> matched = new ArrayList<>();
        List<String> unmatchedClasses = new ArrayList<>();
        for (int c = 1; c < classNames.size(); c++) {
            Category category = byKey.get(key(classNames.get(c)));
            if (category == null) {
                if (!unmatchedClasses.contains(classNames.get(c))) {
                    unmatchedClasses.add(classNames.get(c));
                }
            } else {
                categoryOfClass[c] = category.id();
                if (!matched.contains(category)) {
                    matched.add(category);
                }
            }
        }
        if (matched.isEmpty()) {
            throw new IllegalArgumentException(
                    "no model class " + classNames.subList(1, classNames.size()) + " names a dataset category "
                            + categories.stream().map(Category::name).toList());
        }
        List<String> unmatchedCategories = categories.stream()
                .filter(c -> !matched.contains(c))
                .map(Category::name)
                .toList();
        return new ClassCategoryMapping(categoryOfClass, matched, unmatchedClasses, unmatchedCategories);
    }

    /**
     * A detector's output on one image as evaluation input: detections of mapped classes, best first, at most
     * {@code maxDetections}; the others are dropped.
     */
    public ImageDetectionResult toResult(long imageId, List<DetectedObject> detections, int maxDetections) {
        List<ScoredBox> boxes = new ArrayList<>(Math.min(detections.size(), maxDetections));
        for (DetectedObject d : detections) {
            int categoryId = categoryOf(d.classId());
            if (categoryId != UNMAPPED && boxes.size() < maxDetections) {
                boxes.add(new ScoredBox(d.x1(), d.y1(), d.x2(), d.y2(), categoryId, d.score()));
            }
        }
        return new ImageDetectionResult(imageId, boxes);
    }

    /** The dataset category id class {@code classIndex} detects, or {@link #UNMAPPED}. */
    public int categoryOf(int classIndex) {
        return classIndex >= 0 && classIndex < categoryOfClass.length ? categoryOfClass[classIndex] : UNMAPPED;
    }

    /** The dataset categories some model class detects: the ones evaluated. */
    public List<Category> matchedCategories() {
        return matchedCategories;
    }

    /** Distinct names of model classes (background excluded) the dataset has no category for. */
    public List<String> unmatchedClasses() {
        return unmatchedClasses;
    }

    /** Names of dataset categories no model class detects. */
    public List<String> unmatchedCategories() {
        return unmatchedCategories;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
