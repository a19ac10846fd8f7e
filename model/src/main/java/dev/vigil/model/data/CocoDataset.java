package dev.vigil.model.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes COCO detection JSON: {@code images} (id, file_name, width, height; other fields, such as those
 * {@code vigil snapshot} adds, are ignored), {@code annotations} (id, image_id, category_id, bbox {@code [x, y, w,
 * h]} in pixels, area, iscrowd, and an optional score for pseudo-labels), {@code categories} (id, name) and
 * {@code info.images_dir}, the images folder relative to the JSON file's folder.
 *
 * <p>Malformed entries, annotations of unknown images or categories are errors naming the file and the entry. Boxes
 * reaching outside their image are clipped; empty ones are skipped; both are reported in {@link DatasetProblems}.
 * Coordinates survive a write and read to float precision (exactly for integers and halves).
 */
public final class CocoDataset {

    /** The field of {@code info} naming the images folder, as {@code vigil snapshot} writes it. */
    public static final String IMAGES_DIR_FIELD = "images_dir";

    private static final Logger LOG = LoggerFactory.getLogger(CocoDataset.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CocoDataset() {}

    /**
     * Reads a dataset whose images lie in the folder its {@code info.images_dir} names (relative to the JSON file's
     * folder), or beside the JSON file when it names none. Repairs are logged.
     */
    public static Dataset read(Path json) throws IOException {
        return readLogged(json, null);
    }

    /** Reads a dataset whose images lie in {@code imagesDir}. Repairs are logged. */
    public static Dataset read(Path json, Path imagesDir) throws IOException {
        return readLogged(json, imagesDir);
    }

    /**
     * The root object of a COCO JSON file, unchecked beyond being an object.
     *
     * @throws NoSuchFileException when the file is missing
     * @throws DatasetFormatException when it is not JSON or its root is not an object
     */
    public static JsonNode readRoot(Path json) throws IOException {
        if (!Files.isRegularFile(json)) {
            throw new NoSuchFileException(json.toString(), null, "no such COCO JSON file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json.toFile());
        } catch (JacksonException e) {
            throw new DatasetFormatException(json, "JSON", "not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new DatasetFormatException(
                    json, "root", "expected a JSON object with images, annotations and categories");
        }
        return root;
    }

    /**
     * Reads a dataset, reporting clipped and skipped boxes to {@code problems}.
     *
     * @param imagesDir the images folder, or null for the one the file names (see {@link #read(Path)})
     * @throws NoSuchFileException when the file is missing
     * @throws DatasetFormatException when it is not COCO JSON or an entry is malformed or inconsistent
     */
    public static Dataset read(Path json, Path imagesDir, DatasetProblems problems) throws IOException {
        JsonNode root = readRoot(json);
        CocoJsonReader reader = new CocoJsonReader(json);
        List<Category> categories = reader.categories(root);
        List<CocoJsonReader.Image> images = reader.images(root);
        Map<Long, List<GroundTruthBox>> boxesByImage = reader.boxes(root, images, categories, problems);
        List<AnnotatedImage> annotated = new ArrayList<>(images.size());
        for (CocoJsonReader.Image image : images) {
            annotated.add(new AnnotatedImage(
                    image.id(),
                    image.fileName(),
                    image.width(),
                    image.height(),
                    boxesByImage.getOrDefault(image.id(), List.of())));
        }
        Path dir = imagesDir != null ? imagesDir : imagesDirNamedBy(json, root);
        return new Dataset(dir, categories, annotated);
    }

    /**
     * Writes {@code dataset} as COCO JSON (atomically: a temporary file moved into place). Annotation ids are
     * numbered from 1 in image order; the score is written only where it is not 1 (human labels have none).
     *
     * @throws IllegalArgumentException when a box names a category the dataset does not have, or ids repeat
     */
    public static void write(Path json, Dataset dataset) throws IOException {
        write(json, dataset, ExtraFields.NONE);
    }

    /**
     * Fields a writer adds to COCO's own: e.g. where {@code vigil snapshot}'s frames came from, or a tracking ground
     * truth's {@code track_id}. Each method adds nothing unless overridden; a field set here replaces COCO's.
     */
    public interface ExtraFields {
        ExtraFields NONE = new ExtraFields() {};

        /** Adds to (or replaces in) the {@code info} object. */
        default void addToInfo(ObjectNode info) {}

        /** Adds the fields of {@code image} to its entry of {@code images}. */
        default void addToImage(ObjectNode entry, AnnotatedImage image) {}

        /** Adds the fields of {@code image}'s box {@code boxIndex} to its annotation. */
        default void addToAnnotation(ObjectNode annotation, AnnotatedImage image, int boxIndex) {}
    }

    /** {@link #write(Path, Dataset)} with the fields {@code extra} adds. */
    public static void write(Path json, Dataset dataset, ExtraFields extra) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode info = root.putObject("info");
        info.put("description", "written by Vigil");
        info.put(IMAGES_DIR_FIELD, relativeImagesDir(json, dataset.imagesDir()));
        extra.addToInfo(info);
        Set<Integer> categoryIds = new HashSet<>();
        ArrayNode categories = root.putArray("categories");
        for (Category category : dataset.categories()) {
            if (!categoryIds.add(category.id())) {
                throw new IllegalArgumentException(json + ": category id " + category.id() + " appears twice");
            }
            categories.addObject().put("id", category.id()).put("name", category.name());
        }
        Set<Long> imageIds = new HashSet<>();
        ArrayNode images = root.putArray("images");
        ArrayNode annotations = root.putArray("annotations");
        long annotationId = 1;
        for (AnnotatedImage image : dataset.images()) {
            if (!imageIds.add(image.id())) {
                throw new IllegalArgumentException(json + ": image id " + image.id() + " appears twice");
            }
            ObjectNode entry = images.addObject()
                    .put("id", image.id())
                    .put("file_name", image.fileName())
                    .put("width", image.width())
                    .put("height", image.height());
            extra.addToImage(entry, image);
            for (int b = 0; b < image.boxes().size(); b++) {
                GroundTruthBox box = image.boxes().get(b);
                if (!categoryIds.contains(box.categoryId())) {
                    throw new IllegalArgumentException(json + ": image " + image.id() + " (" + image.fileName()
                            + ") has a box of category " + box.categoryId() + ", which is not in the categories");
                }
                ObjectNode annotation = annotationJson(annotationId++, image.id(), box);
                extra.addToAnnotation(annotation, image, b);
                annotations.add(annotation);
            }
        }
        AtomicFile.writeJson(JSON, json, root);
    }

    private static Dataset readLogged(Path json, Path imagesDir) throws IOException {
        DatasetProblems problems = new DatasetProblems();
        Dataset dataset = read(json, imagesDir, problems);
        if (!problems.isEmpty()) {
            LOG.warn("{}: {}", json, problems.summary());
        }
        return dataset;
    }

    private static ObjectNode annotationJson(long id, long imageId, GroundTruthBox box) {
        ObjectNode json = JSON.createObjectNode();
        json.put("id", id);
        json.put("image_id", imageId);
        json.put("category_id", box.categoryId());
        json.putArray("bbox").add(box.x1()).add(box.y1()).add(box.width()).add(box.height());
        json.put("area", box.area());
        json.put("iscrowd", box.crowd() ? 1 : 0);
        if (box.score() != 1f) {
            json.put("score", box.score());
        }
        return json;
    }

    private static Path imagesDirNamedBy(Path json, JsonNode root) throws DatasetFormatException {
        Path folder = json.toAbsolutePath().getParent();
        JsonNode named = root.path("info").path(IMAGES_DIR_FIELD);
        if (named.isMissingNode() || named.isNull()) {
            return folder;
        }
        if (!named.isTextual() || named.asText().isBlank()) {
            throw new DatasetFormatException(json, "info." + IMAGES_DIR_FIELD, "expected a folder name, got " + named);
        }
        return folder.resolve(named.asText()).normalize();
    }

    private static String relativeImagesDir(Path json, Path imagesDir) {
        Path folder = json.toAbsolutePath().getParent().normalize();
        String relative =
                folder.relativize(imagesDir.toAbsolutePath().normalize()).toString();
        return relative.isEmpty() ? "." : relative;
    }
}
