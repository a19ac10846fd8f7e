package dev.vigil.model.trackeval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.trackeval.TrackBox.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tracking ground truth in COCO JSON: each annotation carries a {@code track_id} (the object's identity), crowd
 * annotations ({@code iscrowd} 1) are ignore regions and need none. Each image is a labelled frame, even one without
 * annotations: frame {@code frame_index + 1} when the image has a {@code frame_index} (0-based, in the video), else
 * its {@code id}. An image whose annotations have no track id at all (a detection ground truth's frame in the same
 * file) is not a tracking frame and is left out; one where only some have one is an error.
 */
public final class CocoTrackFile {

    /** The annotation field holding the object's identity. */
    public static final String TRACK_ID = "track_id";

    /** The optional image field holding its 0-based frame index in the video. */
    public static final String FRAME_INDEX = "frame_index";

    /**
     * The ground truth and where each frame's image lies.
     *
     * @param imageFiles by frame number
     */
    public record Contents(TrackSequence sequence, NavigableMap<Integer, Path> imageFiles) {}

    private CocoTrackFile() {}

    public static Contents read(Path json) throws IOException {
        JsonNode root = CocoDataset.readRoot(json);
        Path folder = json.toAbsolutePath().getParent();
        JsonNode imagesDir = root.path("info").path(CocoDataset.IMAGES_DIR_FIELD);
        Path images = imagesDir.isTextual() ? folder.resolve(imagesDir.asText()).normalize() : folder;

        Map<Long, String> categories = new HashMap<>();
        for (JsonNode category : root.path("categories")) {
            categories.put(
                    longField(json, category, "id", "category"),
                    category.path("name").asText("category-" + category.path("id")));
        }
        TrackSequence sequence = new TrackSequence();
        Map<Long, Integer> frameOfImage = new HashMap<>();
        NavigableMap<Integer, Path> imageFiles = new TreeMap<>();
        for (JsonNode image : root.path("images")) {
            long id = longField(json, image, "id", "image");
            long frame = image.has(FRAME_INDEX) ? longField(json, image, FRAME_INDEX, "image " + id) + 1 : id;
            if (frame < 1 || frame > Integer.MAX_VALUE) {
                throw new IOException(json + ": image " + id + " has frame " + frame + " (frames start at 1)");
            }
            if (imageFiles.containsKey((int) frame)) {
                throw new IOException(json + ": two images are frame " + frame);
            }
            frameOfImage.put(id, (int) frame);
            sequence.label((int) frame);
            String fileName = image.path("file_name").asText("");
            if (!fileName.isEmpty()) {
                imageFiles.put((int) frame, images.resolve(fileName).normalize());
            }
        }
        Map<Integer, List<TrackBox>> boxesOfFrame = new TreeMap<>();
        Map<Integer, String> withoutTrackId = new HashMap<>();
        Set<Integer> withTrackId = new HashSet<>();
        for (JsonNode annotation : root.path("annotations")) {
            long annotationId = annotation.path("id").asLong(-1);
            String where = "annotation " + annotationId;
            Integer frame = frameOfImage.get(longField(json, annotation, "image_id", where));
            if (frame == null) {
                throw new IOException(json + ": " + where + " names an image that is not in the images");
            }
            String label = categories.get(longField(json, annotation, "category_id", where));
            if (label == null) {
                throw new IOException(json + ": " + where + " names a category that is not in the categories");
            }
            JsonNode bbox = annotation.path("bbox");
            if (!bbox.isArray() || bbox.size() != 4 || !allNumbers(bbox)) {
                throw new IOException(json + ": " + where + " needs a bbox [x, y, width, height]");
            }
            boolean crowd = annotation.path("iscrowd").asInt(0) == 1;
            long trackId;
            if (annotation.hasNonNull(TRACK_ID)) {
                trackId = longField(json, annotation, TRACK_ID, where);
                withTrackId.add(frame);
            } else if (crowd) {
                trackId = -annotationId; // an ignore region needs no identity
            } else {
                withoutTrackId.putIfAbsent(frame, where);
                continue;
            }
            boxesOfFrame
                    .computeIfAbsent(frame, f -> new ArrayList<>())
                    .add(new TrackBox(
                            trackId,
                            label,
                            bbox.get(0).asDouble(),
                            bbox.get(1).asDouble(),
                            bbox.get(2).asDouble(),
                            bbox.get(3).asDouble(),
                            1f,
                            crowd ? Kind.IGNORE_REGION : Kind.SCORED));
        }
        TrackSequence tracking = new TrackSequence();
        for (int frame : sequence.labelledFrames()) {
            if (withoutTrackId.containsKey(frame)) {
                if (withTrackId.contains(frame)) {
                    throw new IOException(json + ": " + withoutTrackId.get(frame) + " has no " + TRACK_ID
                            + " though other annotations of its image have one");
                }
                continue; // not a tracking frame
            }
            tracking.label(frame);
            boxesOfFrame.getOrDefault(frame, List.of()).forEach(box -> tracking.add(frame, box));
        }
        if (tracking.labelledFrames().isEmpty() && !withoutTrackId.isEmpty()) {
            throw new IOException(json + ": no annotation has a " + TRACK_ID + " (e.g. "
                    + withoutTrackId.values().iterator().next() + "): not a tracking ground truth");
        }
        return new Contents(tracking, imageFiles);
    }

    /** Four finite numbers, the width and height not negative. */
    private static boolean allNumbers(JsonNode bbox) {
        for (JsonNode value : bbox) {
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                return false;
            }
        }
        return bbox.get(2).asDouble() >= 0 && bbox.get(3).asDouble() >= 0;
    }

    private static long longField(Path json, JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.path(field);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IOException(json + ": " + where + " needs an integer " + field + ", got " + value);
        }
        return value.asLong();
    }
}
