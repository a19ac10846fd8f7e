package dev.vigil.model.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several datasets as one (several cameras or snapshots trained together): categories matched by name (ids 1..K in
 * the order names are first seen), image ids renumbered 1..N in dataset order so that images of different datasets
 * never share one, and file names made relative to the folder that holds every dataset's images folder, so that each
 * image is found in its own dataset's folder and no name leads out of the merged dataset's folder.
 */
public final class DatasetMerge {

    private DatasetMerge() {}

    /** The datasets merged; a single dataset is returned as it is. */
    public static Dataset merge(List<Dataset> datasets) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("no dataset to merge");
        }
        if (datasets.size() == 1) {
            return datasets.get(0);
        }
        Path commonFolder = commonFolder(datasets);
        Map<String, Integer> categoryIds = new LinkedHashMap<>();
        List<AnnotatedImage> images = new ArrayList<>();
        for (Dataset dataset : datasets) {
            Map<Integer, Integer> newIds = new HashMap<>();
            for (Category category : dataset.categories()) {
                newIds.put(category.id(), categoryIds.computeIfAbsent(category.name(), name -> categoryIds.size() + 1));
            }
            for (AnnotatedImage image : dataset.images()) {
                List<GroundTruthBox> boxes = new ArrayList<>(image.boxes().size());
                for (GroundTruthBox box : image.boxes()) {
                    boxes.add(new GroundTruthBox(
                            box.x1(),
                            box.y1(),
                            box.x2(),
                            box.y2(),
                            newIds.get(box.categoryId()),
                            box.crowd(),
                            box.area(),
                            box.score()));
                }
                String file = commonFolder
                        .relativize(dataset.imagePath(image).toAbsolutePath().normalize())
                        .toString();
                images.add(new AnnotatedImage(images.size() + 1, file, image.width(), image.height(), boxes));
            }
        }
        List<Category> categories = new ArrayList<>();
        categoryIds.forEach((name, id) -> categories.add(new Category(id, name)));
        return new Dataset(commonFolder, categories, images);
    }

    /** The deepest folder that holds every dataset's images folder. */
    private static Path commonFolder(List<Dataset> datasets) {
        Path common = datasets.get(0).imagesDir().toAbsolutePath().normalize();
        for (Dataset dataset : datasets) {
            Path folder = dataset.imagesDir().toAbsolutePath().normalize();
            while (!folder.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common;
    }
}
