package dev.vigil.model.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Images with their boxes and the categories the boxes name, as read from COCO JSON or PASCAL VOC.
 *
 * @param imagesDir the folder image file names are relative to
 */
public record Dataset(Path imagesDir, List<Category> categories, List<AnnotatedImage> images) {

    public Dataset {
        categories = List.copyOf(categories);
        images = List.copyOf(images);
    }

    public Path imagePath(AnnotatedImage image) {
        return imagesDir.resolve(image.fileName());
    }
}
