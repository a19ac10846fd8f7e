package dev.vigil.model.data.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Writes generated frames as a COCO dataset: {@code DIR/images/NNNNNN.png|jpg} and, on {@link #finish()},
 * {@code DIR/annotations.json}. Image ids are 1, 2, ... in the order frames are added. The annotations of video frames
 * ({@link #addVideoFrame}) carry the object's exact identity as {@code track_id}, so trackers can be scored on them
 * ({@code vigil eval-tracks}). Not thread-safe.
 */
public final class SyntheticDatasetWriter {

    public static final String ANNOTATIONS_FILE = "annotations.json";
    public static final String IMAGES_DIR = "images";

    /** The annotation field holding a video object's identity ({@link SceneObject#trackId()}). */
    public static final String TRACK_ID = "track_id";

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
    /** For the images added as video frames, by image id: the track id of each box. */
    private final Map<Long, int[]> trackIds = new HashMap<>();

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

    /** {@link #add}, for a frame of a video: its annotations will carry each object's {@code track_id}. */
    public void addVideoFrame(SyntheticImage frame) throws IOException {
        add(frame);
        trackIds.put(
                images.get(images.size() - 1).id(),
                frame.objects().stream().mapToInt(SceneObject::trackId).toArray());
    }

    /** Writes the annotations of every frame added; returns the dataset as written. */
    public Dataset finish() throws IOException {
        Dataset dataset = new Dataset(directory.resolve(IMAGES_DIR), settings.categories(), images);
        CocoDataset.write(directory.resolve(ANNOTATIONS_FILE), dataset, new CocoDataset.ExtraFields() {
            @Override
            public void addToAnnotation(ObjectNode annotation, AnnotatedImage image, int box) {
                int[] ids = trackIds.get(image.id());
                if (ids != null) {
                    annotation.put(TRACK_ID, ids[box]);
                }
            }
        });
        return dataset;
    }
}
