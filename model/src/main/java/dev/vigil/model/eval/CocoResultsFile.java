package dev.vigil.model.eval;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.vigil.model.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO's detection results file, the input of pycocotools' {@code loadRes} and of the COCO evaluation server:
 * {@code [{"image_id": .., "category_id": .., "bbox": [x, y, w, h], "score": ..}, ..]}. Streamed both ways, so
 * results of a whole validation set (millions of entries) need no JSON tree in memory.
 *
 * <p>x, y and the score are written at float precision; w and h as the exact double difference of the float corners,
 * so that reading a written file gives back the same float corners.
 */
public final class CocoResultsFile {

    private static final JsonFactory JSON = new JsonFactory();

    private CocoResultsFile() {}

    /** Writes every detection, image by image in the given order (atomically: a temporary file moved into place). */
    public static void write(Path file, List<ImageDetectionResult> results) throws IOException {
        AtomicFile.write(file, temporary -> {
            try (JsonGenerator out = JSON.createGenerator(temporary.toFile(), JsonEncoding.UTF8)) {
                out.writeStartArray();
                for (ImageDetectionResult result : results) {
                    for (ScoredBox box : result.boxes()) {
                        writeEntry(out, result.imageId(), box);
                    }
                }
                out.writeEndArray();
            }
        });
    }

    /**
     * Reads a results file; entries are grouped by image in order of first appearance, each image's boxes in file
     * order (the order that breaks score ties).
     *
     * @throws NoSuchFileException when the file is missing
     * @throws IOException when it is not a JSON array of well-formed entries; the message names the entry
     */
    public static List<ImageDetectionResult> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such COCO results file");
        }
        Map<Long, List<ScoredBox>> byImage = new LinkedHashMap<>();
        try (JsonParser in = JSON.createParser(file.toFile())) {
            if (in.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(file + ": a COCO results file is a JSON array of detections");
            }
            int entry = 0;
            while (in.nextToken() != JsonToken.END_ARRAY) {
                readEntry(in, file, entry++, byImage);
            }
        }
        List<ImageDetectionResult> results = new ArrayList<>(byImage.size());
        byImage.forEach((imageId, boxes) -> results.add(new ImageDetectionResult(imageId, boxes)));
        return results;
    }

    private static void writeEntry(JsonGenerator out, long imageId, ScoredBox box) throws IOException {
        out.writeStartObject();
        out.writeNumberField("image_id", imageId);
        out.writeNumberField("category_id", box.categoryId());
        out.writeArrayFieldStart("bbox");
        out.writeNumber(box.x1());
        out.writeNumber(box.y1());
        out.writeNumber((double) box.x2() - box.x1());
        out.writeNumber((double) box.y2() - box.y1());
        out.writeEndArray();
        out.writeNumberField("score", box.score());
        out.writeEndObject();
    }

    private static void readEntry(JsonParser in, Path file, int entry, Map<Long, List<ScoredBox>> byImage)
            throws IOException {
        String where = file + ": entry " + entry;
        if (in.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException(where + " is not a JSON object");
        }
        Long imageId = null;
        Integer categoryId = null;
        double[] bbox = null;
        Double score = null;
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String field = in.currentName();
            JsonToken value = in.nextToken();
            switch (field) {
                case "image_id" -> imageId = integral(in, value, where, field);
                case "category_id" -> categoryId = Math.toIntExact(integral(in, value, where, field));
                case "bbox" -> bbox = bbox(in, value, where);
                case "score" -> score = number(in, value, where, field);
                default -> in.skipChildren();
            }
        }
        if (imageId == null || categoryId == null || bbox == null || score == null) {
            throw new IOException(where + " lacks one of image_id, category_id, bbox, score");
        }
        float x1 = (float) bbox[0];
        float y1 = (float) bbox[1];
        byImage.computeIfAbsent(imageId, id -> new ArrayList<>())
                .add(new ScoredBox(
                        x1,
                        y1,
                        (float) ((double) x1 + bbox[2]),
                        (float) ((double) y1 + bbox[3]),
                        categoryId,
                        score.floatValue()));
    }

    private static double[] bbox(JsonParser in, JsonToken value, String where) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new IOException(where + ": bbox must be an array [x, y, w, h]");
        }
        double[] bbox = new double[4];
        int n = 0;
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            double coordinate = number(in, token, where, "bbox");
            if (n < 4) {
                bbox[n] = coordinate;
            }
            n++;
        }
        if (n != 4 || bbox[2] < 0 || bbox[3] < 0) {
            throw new IOException(where + ": bbox must be [x, y, w, h] with w, h ≥ 0, got " + n + " numbers"
                    + (n == 4 ? " with w " + bbox[2] + ", h " + bbox[3] : ""));
        }
        return bbox;
    }

    private static double number(JsonParser in, JsonToken value, String where, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new IOException(where + ": " + field + " must be a number, got " + in.getText());
        }
        return in.getDoubleValue();
    }

    private static long integral(JsonParser in, JsonToken value, String where, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException(where + ": " + field + " must be an integer, got " + in.getText());
        }
        return in.getLongValue();
    }
}
