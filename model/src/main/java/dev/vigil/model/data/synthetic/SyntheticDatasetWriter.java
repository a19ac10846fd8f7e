package dev.vigil.model.data.synthetic;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Writes generated frames as a COCO dataset: {@code DIR/images/NNNNNN.png|jpg} and, on {@link #finish()},
 * {@code DIR/annotations.json}. Image ids are 1, 2, ... in the order frames are added. Not thread-safe.
 */
public final class SyntheticDatasetWriter {

    public static final String ANNOTATIONS_FILE = "annotations.json";
    public static final String IMAGES_DIR = "images";

    /** How frames are encoded. */
    public enum ImageFormat {
        PNG,
        JPG;

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path directory;
    private final ImageFormat format;
    private final SceneSettings settings;
    private final List<AnnotatedImage> images = new ArrayList<>();

    public SyntheticDatasetWriter(Path directory, ImageFormat format, SceneSettings settings) throws IOException {
        this.directory = directory;
        this.format = format;
        this.settings = settings;
        Files.createDirectories(directory.resolve(IMAGES_DIR));
    }

    /** Encodes the frame into the images folder and keeps its boxes. */
    public void add(SyntheticImage frame) throws IOException {
        long id = images.size() + 1L;
        String fileName = String.format(Locale.ROOT, "%06d.%s", id, format.extension());
        Path file = directory.resolve(IMAGES_DIR).resolve(fileName);
        if (!ImageIO.write(frame.image(), format.extension(), file.toFile())) {
            throw new IOException("no ImageIO writer for " + format + " (" + file + ")");
        }
        images.add(new AnnotatedImage(
                id, fileName, frame.image().getWidth(), frame.image().getHeight(), frame.boxes()));
    }

    /** Writes the annotations of every frame added; returns the dataset as written. */
    public Dataset finish() throws IOException {
        Dataset dataset = new Dataset(directory.resolve(IMAGES_DIR), settings.categories(), images);
        CocoDataset.write(directory.resolve(ANNOTATIONS_FILE), dataset);
        return dataset;
    }
}
