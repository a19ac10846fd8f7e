package dev.vigil.model.data;

import dev.vigil.model.io.SafeFileNames;
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

    /**
     * Where {@code image}'s file is: its file name under the images folder.
     *
     * @throws IllegalArgumentException when the file name leads out of the images folder (an absolute path, "..")
     */
    public Path imagePath(AnnotatedImage image) {
        return SafeFileNames.resolveInside(imagesDir, image.fileName());
    }
}
