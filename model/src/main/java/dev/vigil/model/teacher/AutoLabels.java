package dev.vigil.model.teacher;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an auto-labelling run produced.
 *
 * @param dataset the images and their pseudo-labels
 * @param teacherNanos time spent in the teacher (pre-processing, inference, post-processing)
 * @param skipped inputs passed over, each with the reason
 */
public record AutoLabels(Dataset dataset, long teacherNanos, List<String> skipped) {

    public AutoLabels {
        skipped = List.copyOf(skipped);
    }

    /** Boxes per category name, in category order (classes with no box included, with 0). */
    public Map<String, Integer> boxesPerClass() {
        Map<Integer, String> names = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Category category : dataset.categories()) {
            names.put(category.id(), category.name());
            counts.put(category.name(), 0);
        }
        for (AnnotatedImage image : dataset.images()) {
            for (GroundTruthBox box : image.boxes()) {
                counts.merge(names.get(box.categoryId()), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Mean teacher time per image in milliseconds (0 without images). */
    public double teacherMillisPerImage() {
        int images = dataset.images().size();
        return images == 0 ? 0 : teacherNanos / 1e6 / images;
    }
}
