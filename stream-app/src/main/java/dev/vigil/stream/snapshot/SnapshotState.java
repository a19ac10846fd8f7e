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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a dataset folder already holds, kept in a state file there so that a new run resumes and a changed range fills
 * only its gaps: per capture-time window the offsets of each partition of the frames topic read under it, the images
 * exported so far, and the category ids given so far. Saved atomically (written aside, then moved over the old file).
 * Not thread-safe.
 */
public final class SnapshotState {

    public static final String FILE_NAME = "snapshot-state.json";
    /** Version 2 keeps the offsets read per time window; version 1 kept a next offset per partition. */
    private static final int VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file's content. */
    record Stored(
            int version,
            String framesTopic,
            List<String> cameras,
            List<Coverage> coverage,
            List<SnapshotImage> images,
            Map<String, Integer> categories) {}

    /**
     * Offsets read under one capture-time window: every frame of the cameras in the window at these offsets is
     * exported.
     *
     * @param fromMillis earliest capture time selected (inclusive), or null for none
     * @param toMillis capture times before this were selected, or null for none
     * @param offsets per partition, disjoint sorted [start, end) ranges
     */
    record Coverage(Long fromMillis, Long toMillis, Map<Integer, List<long[]>> offsets) {

        boolean contains(Long from, Long to) {
            return (fromMillis == null || from != null && from >= fromMillis)
                    && (toMillis == null || to != null && to <= toMillis);
        }

        boolean sameWindow(Long from, Long to) {
            return Objects.equals(fromMillis, from) && Objects.equals(toMillis, to);
        }
    }

    private final String framesTopic;
    private final List<String> cameras;
    private final List<Coverage> coverage;
    private final List<SnapshotImage> images;
    private final Map<String, Integer> categories;
    private final Set<String> frameIdentities = new HashSet<>();
    private final Set<String> fileNames = new HashSet<>();

    private SnapshotState(Stored stored) {
        this.framesTopic = stored.framesTopic();
        this.cameras = List.copyOf(stored.cameras());
        this.coverage = new ArrayList<>();
        if (stored.coverage() != null) {
            for (Coverage c : stored.coverage()) {
                Map<Integer, List<long[]>> offsets = new TreeMap<>();
                c.offsets().forEach((p, ranges) -> offsets.put(p, new ArrayList<>(ranges)));
                coverage.add(new Coverage(c.fromMillis(), c.toMillis(), offsets));
            }
        }
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
            return new SnapshotState(new Stored(VERSION, framesTopic, sortedCameras, List.of(), List.of(), Map.of()));
        }
        Stored stored;
        try {
            stored = JSON.readValue(file.toFile(), Stored.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read snapshot state " + file + ": " + e.getMessage(), e);
        }
        if (stored.version() != VERSION && stored.version() != 1) {
            throw new IllegalArgumentException("Snapshot state " + file + " has version " + stored.version()
                    + "; this Vigil reads versions 1 and " + VERSION);
        }
        if (stored.version() == 1) {
            // version 1 did not record the time range its offsets were read under: read them again (the frames
            // already exported are recognised and kept)
            stored = new Stored(
                    VERSION, stored.framesTopic(), stored.cameras(), List.of(), stored.images(), stored.categories());
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
            AtomicFile.writeJson(JSON, file, new Stored(VERSION, framesTopic, cameras, coverage, images, categories));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The offsets of {@code partition} already read under a time window containing [{@code from}, {@code to}): the
     * frames there that this window selects are exported. Sorted, disjoint [start, end) ranges.
     *
     * @param from earliest capture time (ms, inclusive) of the run, or null
     * @param to end of the run's capture times (ms, exclusive), or null
     */
    public List<long[]> covered(int partition, Long from, Long to) {
        List<long[]> ranges = new ArrayList<>();
        for (Coverage c : coverage) {
            if (c.contains(from, to)) {
                ranges.addAll(c.offsets().getOrDefault(partition, List.of()));
            }
        }
        return merged(ranges);
    }

    /** Records that offsets [start, end) of {@code partition} were read under the window [from, to). */
    public void markRead(Long from, Long to, int partition, long start, long end) {
        if (end <= start) {
            return;
        }
        Coverage window = coverage.stream()
                .filter(c -> c.sameWindow(from, to))
                .findFirst()
                .orElseGet(() -> {
                    Coverage fresh = new Coverage(from, to, new TreeMap<>());
                    coverage.add(fresh);
                    return fresh;
                });
        List<long[]> ranges = new ArrayList<>(window.offsets().getOrDefault(partition, List.of()));
        ranges.add(new long[] {start, end});
        window.offsets().put(partition, merged(ranges));
    }

    /** Sorted, overlapping or touching ranges joined. */
    static List<long[]> merged(List<long[]> ranges) {
        List<long[]> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] r : sorted) {
            if (!out.isEmpty() && r[0] <= out.get(out.size() - 1)[1]) {
                long[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new long[] {r[0], r[1]});
            }
        }
        return out;
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
