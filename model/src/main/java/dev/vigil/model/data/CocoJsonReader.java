package dev.vigil.model.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The entries of one COCO JSON file, checked field by field; errors name the file and the entry. */
final class CocoJsonReader {

    /** An {@code images} entry. */
    record Image(long id, String fileName, int width, int height) {}

    private final Path file;

    CocoJsonReader(Path file) {
        this.file = file;
    }

    List<Category> categories(JsonNode root) throws DatasetFormatException {
        List<Category> categories = new ArrayList<>();
        Map<Long, Integer> indexById = new HashMap<>();
        JsonNode array = array(root, "categories", true);
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = object(array.get(i), "categories[" + i + "]");
            String entry = entry("categories", i, node);
            int id = (int) integer(node, "id", entry, Integer.MIN_VALUE, Integer.MAX_VALUE);
            requireUnique(indexById, id, "categories", i, entry);
            categories.add(new Category(id, text(node, "name", entry)));
        }
        return categories;
    }

    List<Image> images(JsonNode root) throws DatasetFormatException {
        List<Image> images = new ArrayList<>();
        Map<Long, Integer> indexById = new HashMap<>();
        JsonNode array = array(root, "images", true);
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = object(array.get(i), "images[" + i + "]");
            String entry = entry("images", i, node);
            long id = integer(node, "id", entry, Long.MIN_VALUE, Long.MAX_VALUE);
            requireUnique(indexById, id, "images", i, entry);
            images.add(new Image(
                    id, text(node, "file_name", entry), (int) integer(node, "width", entry, 1, Integer.MAX_VALUE), (int)
                            integer(node, "height", entry, 1, Integer.MAX_VALUE)));
        }
        return images;
    }

    /** The boxes of each image id, in file order; a missing {@code annotations} array means no boxes. */
    Map<Long, List<GroundTruthBox>> boxes(
            JsonNode root, List<Image> images, List<Category> categories, DatasetProblems problems)
            throws DatasetFormatException {
        Map<Long, Image> imageById = new HashMap<>();
        images.forEach(image -> imageById.put(image.id(), image));
        Map<Integer, Category> categoryById = new HashMap<>();
        categories.forEach(category -> categoryById.put(category.id(), category));
        Map<Long, List<GroundTruthBox>> boxes = new HashMap<>();
        JsonNode array = array(root, "annotations", false);
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = object(array.get(i), "annotations[" + i + "]");
            String entry = entry("annotations", i, node);
            long imageId = integer(node, "image_id", entry, Long.MIN_VALUE, Long.MAX_VALUE);
            Image image = imageById.get(imageId);
            if (image == null) {
                throw new DatasetFormatException(file, entry, "image_id " + imageId + " not in images");
            }
            int categoryId = (int) integer(node, "category_id", entry, Integer.MIN_VALUE, Integer.MAX_VALUE);
            if (!categoryById.containsKey(categoryId)) {
                throw new DatasetFormatException(file, entry, "category_id " + categoryId + " not in categories");
            }
            float[] xywh = bbox(node, entry);
            double area = optionalNumber(node, "area", entry).orElse(Double.NaN);
            if (area < 0) {
                throw new DatasetFormatException(file, entry, "area " + area + " is negative");
            }
            float score = optionalNumber(node, "score", entry).orElse(1.0).floatValue();
            ImageBoxes.fit(
                            xywh[0],
                            xywh[1],
                            (float) ((double) xywh[0] + xywh[2]),
                            (float) ((double) xywh[1] + xywh[3]),
                            image.width(),
                            image.height(),
                            categoryId,
                            crowd(node, entry),
                            area,
                            score,
                            file + ": " + entry,
                            problems)
                    .ifPresent(box -> boxes.computeIfAbsent(imageId, id -> new ArrayList<>())
                            .add(box));
        }
        return boxes;
    }

    /** Records that {@code array[index]} has {@code id}; an error when an earlier entry has it. */
    private void requireUnique(Map<Long, Integer> indexById, long id, String array, int index, String entry)
            throws DatasetFormatException {
        Integer earlier = indexById.putIfAbsent(id, index);
        if (earlier != null) {
            throw new DatasetFormatException(
                    file, entry, "id " + id + " already used by " + array + "[" + earlier + "]");
        }
    }

    private float[] bbox(JsonNode node, String entry) throws DatasetFormatException {
        JsonNode bbox = node.get("bbox");
        if (bbox == null || !bbox.isArray() || bbox.size() != 4) {
            throw new DatasetFormatException(file, entry, "bbox must be an array [x, y, width, height], got " + bbox);
        }
        float[] xywh = new float[4];
        for (int k = 0; k < 4; k++) {
            JsonNode value = bbox.get(k);
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                throw new DatasetFormatException(file, entry, "bbox[" + k + "] is not a finite number: " + value);
            }
            xywh[k] = value.floatValue();
        }
        if (xywh[2] < 0 || xywh[3] < 0) {
            throw new DatasetFormatException(file, entry, "bbox " + bbox + " has a negative width or height");
        }
        return xywh;
    }

    private boolean crowd(JsonNode node, String entry) throws DatasetFormatException {
        JsonNode value = node.get("iscrowd");
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && (value.longValue() == 0 || value.longValue() == 1)) {
            return value.longValue() == 1;
        }
        throw new DatasetFormatException(file, entry, "iscrowd must be 0 or 1, got " + value);
    }

    private JsonNode array(JsonNode root, String name, boolean required) throws DatasetFormatException {
        JsonNode array = root.get(name);
        if (array == null && !required) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (array == null || !array.isArray()) {
            throw new DatasetFormatException(
                    file,
                    name,
                    "expected an array, got "
                            + (array == null
                                    ? "nothing"
                                    : array.getNodeType().name().toLowerCase()));
        }
        return array;
    }

    private JsonNode object(JsonNode node, String entry) throws DatasetFormatException {
        if (!node.isObject()) {
            throw new DatasetFormatException(file, entry, "expected an object, got " + node);
        }
        return node;
    }

    /** {@code annotations[17] (id 42)}, or without the id where the entry has none. */
    private static String entry(String array, int index, JsonNode node) {
        JsonNode id = node.get("id");
        return array + "[" + index + "]" + (id != null && id.isValueNode() ? " (id " + id.asText() + ")" : "");
    }

    private long integer(JsonNode node, String field, String entry, long min, long max) throws DatasetFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new DatasetFormatException(file, entry, field + " must be an integer, got " + value);
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw new DatasetFormatException(
                    file, entry, field + " " + number + " is out of range [" + min + ", " + max + "]");
        }
        return number;
    }

    private String text(JsonNode node, String field, String entry) throws DatasetFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new DatasetFormatException(file, entry, field + " must be a non-empty string, got " + value);
        }
        return value.asText();
    }

    private Optional<Double> optionalNumber(JsonNode node, String field, String entry) throws DatasetFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw new DatasetFormatException(file, entry, field + " must be a finite number, got " + value);
        }
        return Optional.of(value.doubleValue());
    }
}
