package dev.vigil.model.eval;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground truth and detections grouped by image (increasing id) and category, checked once for the evaluators:
 * every detection must name a dataset image and category and have a finite score and x2 ≥ x1, y2 ≥ y1.
 * Within a group, boxes keep the order they were given in.
 */
final class EvaluationSet {

    private final List<Category> categories;
    private final List<Map<Integer, GroundTruthOfImage>> truthByImage = new ArrayList<>();
    private final List<Map<Integer, DetectionsOfImage>> detectionsByImage = new ArrayList<>();

    EvaluationSet(Dataset dataset, List<ImageDetectionResult> results) {
        this.categories = dataset.categories().stream()
                .sorted(Comparator.comparingInt(Category::id))
                .toList();
        Map<Integer, Category> categoryById = new HashMap<>();
        categories.forEach(c -> categoryById.put(c.id(), c));
        Map<Long, List<ScoredBox>> detectionsOf = new HashMap<>();
        dataset.images().forEach(image -> {
            if (detectionsOf.put(image.id(), new ArrayList<>()) != null) {
                throw new IllegalArgumentException("dataset has image id " + image.id() + " twice");
            }
        });
        for (ImageDetectionResult result : results) {
            List<ScoredBox> sink = detectionsOf.get(result.imageId());
            if (sink == null) {
                throw new IllegalArgumentException(
                        "detections for image id " + result.imageId() + ", which is not in the evaluated dataset");
            }
            for (ScoredBox box : result.boxes()) {
                check(box, result.imageId(), categoryById);
                sink.add(box);
            }
        }
        List<AnnotatedImage> images = dataset.images().stream()
                .sorted(Comparator.comparingLong(AnnotatedImage::id))
                .toList();
        for (AnnotatedImage image : images) {
            Map<Integer, List<GroundTruthBox>> truth = new LinkedHashMap<>();
            for (GroundTruthBox box : image.boxes()) {
                if (categoryById.containsKey(box.categoryId())) {
                    truth.computeIfAbsent(box.categoryId(), c -> new ArrayList<>())
                            .add(box);
                }
            }
            Map<Integer, List<ScoredBox>> detections = new LinkedHashMap<>();
            for (ScoredBox box : detectionsOf.get(image.id())) {
                detections
                        .computeIfAbsent(box.categoryId(), c -> new ArrayList<>())
                        .add(box);
            }
            Map<Integer, GroundTruthOfImage> truthArrays = new HashMap<>();
            truth.forEach((c, boxes) -> truthArrays.put(c, GroundTruthOfImage.of(boxes)));
            Map<Integer, DetectionsOfImage> detectionArrays = new HashMap<>();
            detections.forEach((c, boxes) -> detectionArrays.put(c, DetectionsOfImage.of(boxes)));
            truthByImage.add(truthArrays);
            detectionsByImage.add(detectionArrays);
        }
    }

    /** The dataset's categories by increasing id. */
    List<Category> categories() {
        return categories;
    }

    int imageCount() {
        return truthByImage.size();
    }

    /** Ground truth of the n-th image (by increasing id) and one category, in dataset order. */
    GroundTruthOfImage truth(int n, int categoryId) {
        return truthByImage.get(n).getOrDefault(categoryId, GroundTruthOfImage.EMPTY);
    }

    /** Detections of the n-th image (by increasing id) and one category, in the order given. */
    DetectionsOfImage detections(int n, int categoryId) {
        return detectionsByImage.get(n).getOrDefault(categoryId, DetectionsOfImage.EMPTY);
    }

    private static void check(ScoredBox box, long imageId, Map<Integer, Category> categoryById) {
        if (!categoryById.containsKey(box.categoryId())) {
            throw new IllegalArgumentException("detection in image " + imageId + " names category id "
                    + box.categoryId() + ", which the dataset does not have");
        }
        if (!Float.isFinite(box.score())) {
            throw new IllegalArgumentException("detection in image " + imageId + " has score " + box.score());
        }
        if (!(box.x2() >= box.x1() && box.y2() >= box.y1())) {
            throw new IllegalArgumentException("detection in image " + imageId + " has box (" + box.x1() + ", "
                    + box.y1() + ", " + box.x2() + ", " + box.y2() + "): corners must be finite with x2 ≥ x1, y2 ≥ y1");
        }
    }
}
