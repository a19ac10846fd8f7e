package dev.vigil.stream.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.model.io.AtomicFile;
import dev.vigil.model.io.SafeFileNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a dataset folder already holds, kept in a state file there so that a new run resumes: per partition of the
 * frames topic the next offset to read, the images exported so far, and the category ids given so far. Saved
 * atomically (written aside, then moved over the old file). Not thread-safe.
 */
public final class SnapshotState {

    public static final String FILE_NAME = "snapshot-state.json";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file's content. */
    record Stored(
            int version,
            String framesTopic,
            List<String> cameras,
            Map<Integer, Long> nextOffsets,
            List<SnapshotImage> images,
            Map<String, Integer> categories) {}

    private final String framesTopic;
    private final List<String> cameras;
    private final Map<Integer, Long> nextOffsets;
    private final List<SnapshotImage> images;
    private final Map<String, Integer> categories;
    private final Set<String> frameIdentities = new HashSet<>();
    private final Set<String> fileNames = new HashSet<>();

    private SnapshotState(Stored stored) {
        this.framesTopic = stored.framesTopic();
        this.cameras = List.copyOf(stored.cameras());
        this.nextOffsets = new TreeMap<>(stored.nextOffsets());
        this.images = new ArrayList<>(stored.images());
        this.categories = new LinkedHashMap<>(stored.categories());
        for (SnapshotImage image : images) {
            frameIdentities.add(identity(image.cameraId(), image.frameSequence(), image.captureTimeMillis()));
            fileNames.add(image.fileName());
        }
    }

    /**
     * The state in {@code dir}, or a fresh one when the folder holds none.
     *
     * @param cameras the camera filter of this run (empty: all)
     * @throws IllegalArgumentException naming the folder when it holds a snapshot of another topic or other cameras
     */
    public static SnapshotState loadOrCreate(Path dir, String framesTopic, Set<String> cameras) {
        List<String> sortedCameras = cameras.stream().sorted().toList();
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return new SnapshotState(new Stored(VERSION, framesTopic, sortedCameras, Map.of(), List.of(), Map.of()));
        }
        Stored stored;
        try {
            stored = JSON.readValue(file.toFile(), Stored.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read snapshot state " + file + ": " + e.getMessage(), e);
        }
        if (stored.version() != VERSION) {
            throw new IllegalArgumentException("Snapshot state " + file + " has version " + stored.version()
                    + "; this Vigil reads version " + VERSION);
        }
        if (!stored.framesTopic().equals(framesTopic) || !stored.cameras().equals(sortedCameras)) {
            throw new IllegalArgumentException("Folder " + dir + " holds a snapshot of topic '" + stored.framesTopic()
                    + "', cameras " + describe(stored.cameras()) + "; this run asks for topic '" + framesTopic
                    + "', cameras " + describe(sortedCameras) + ". Use another --out folder.");
        }
        return new SnapshotState(stored);
    }

    private static String describe(List<String> cameras) {
        return cameras.isEmpty() ? "(all)" : String.join(",", cameras);
    }

    /** Writes the state into {@code dir}, replacing the old file only once the new one is complete. */
    public void save(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            AtomicFile.writeJson(
                    JSON, file, new Stored(VERSION, framesTopic, cameras, nextOffsets, images, categories));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The next offset to read from {@code partition}, if an earlier run read it. */
    public Optional<Long> nextOffset(int partition) {
        return Optional.ofNullable(nextOffsets.get(partition));
    }

    public void setNextOffset(int partition, long offset) {
        nextOffsets.put(partition, offset);
    }

    /**
     * Records a frame as exported, giving it the next image id and its file name ({@code <camera>/<sequence>.EXT},
     * the camera's folder named by {@link SafeFileNames#of} so that no camera id from the wire leads elsewhere;
     * a second frame with the same camera and sequence but another capture time, after a camera restart, gets
     * {@code <camera>/<sequence>_<capture ms>.EXT}).
     *
     * @return the new image, or empty when this frame (same camera, sequence and capture time) is already exported
     */
    public Optional<SnapshotImage> addImage(
            String cameraId,
            long frameSequence,
            long captureTimeMillis,
            int width,
            int height,
            String extension,
            int partition,
            long offset) {
        if (!frameIdentities.add(identity(cameraId, frameSequence, captureTimeMillis))) {
            return Optional.empty();
        }
        String folder = SafeFileNames.of(cameraId);
        String fileName = folder + "/" + frameSequence + "." + extension;
        if (fileNames.contains(fileName)) {
            fileName = folder + "/" + frameSequence + "_" + captureTimeMillis + "." + extension;
        }
        fileNames.add(fileName);
        SnapshotImage image = new SnapshotImage(
                images.size() + 1L,
                fileName,
                width,
                height,
                cameraId,
                frameSequence,
                captureTimeMillis,
                partition,
                offset);
        images.add(image);
        return Optional.of(image);
    }

    /** Every image exported so far, by id. */
    public List<SnapshotImage> images() {
        return List.copyOf(images);
    }

    /** The category id of {@code label}: the one given before, or the next free one (ids are 1-based and stable). */
    public int categoryId(String label) {
        return categories.computeIfAbsent(label, l -> categories.size() + 1);
    }

    /** Every category so far: label → id. */
    public Map<String, Integer> categories() {
        return Map.copyOf(categories);
    }

    private static String identity(String cameraId, long frameSequence, long captureTimeMillis) {
        return cameraId + '\u0000' + frameSequence + '\u0000' + captureTimeMillis;
    }
}
