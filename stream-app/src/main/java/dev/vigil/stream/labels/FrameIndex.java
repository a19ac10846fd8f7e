package dev.vigil.stream.labels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which frame each image of a COCO file is: from the image's own {@code camera_id}, {@code frame_sequence} and
 * {@code capture_time} (as vigil snapshot writes them, and as a labelling tool that keeps unknown fields exports
 * them), else by file name in a snapshot's COCO file: the same name, or the same last two path elements
 * ({@code CAMERA/SEQUENCE.jpg}), since CVAT and Label Studio exports rewrite the folders in front of it.
 */
public final class FrameIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FrameRef> byName = new HashMap<>();
    private final Map<String, FrameRef> byTail = new HashMap<>();

    private FrameIndex() {}

    /** No snapshot to look names up in: only images that say which frame they are are found. */
    public static FrameIndex none() {
        return new FrameIndex();
    }

    /** The frames of a snapshot's COCO file, by file name. */
    public static FrameIndex ofSnapshot(Path snapshotJson) throws IOException {
        FrameIndex index = new FrameIndex();
        for (JsonNode image : JSON.readTree(snapshotJson.toFile()).path("images")) {
            Optional<FrameRef> frame = ownFrame(image);
            if (frame.isPresent()) {
                String name = image.path("file_name").asText();
                index.byName.put(name, frame.get());
                index.byTail.put(tail(name), frame.get());
            }
        }
        return index;
    }

    /** The frame a COCO image entry is, if it says or the snapshot knows its name. */
    public Optional<FrameRef> frameOf(JsonNode image) {
        Optional<FrameRef> own = ownFrame(image);
        if (own.isPresent()) {
            return own;
        }
        String name = image.path("file_name").asText();
        FrameRef frame = byName.get(name);
        return Optional.ofNullable(frame != null ? frame : byTail.get(tail(name)));
    }

    private static Optional<FrameRef> ownFrame(JsonNode image) {
        JsonNode camera = image.get("camera_id");
        JsonNode sequence = image.get("frame_sequence");
        JsonNode time = image.get("capture_time");
        if (camera == null
                || !camera.isTextual()
                || sequence == null
                || !sequence.canConvertToLong()
                || time == null
                || !time.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FrameRef(
                    camera.asText(),
                    sequence.asLong(),
                    Instant.parse(time.asText()).toEpochMilli(),
                    ""));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The last two elements of a '/'-separated path: CAMERA/FILE. */
    static String tail(String fileName) {
        String name = fileName.replace('\\', '/');
        int last = name.lastIndexOf('/');
        int before = last <= 0 ? -1 : name.lastIndexOf('/', last - 1);
        return name.substring(before + 1);
    }
}
