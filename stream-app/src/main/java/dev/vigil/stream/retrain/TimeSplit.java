package dev.vigil.stream.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot's frames split by capture time: the latest share held out (what the model will see next is later
 * footage, and neighbouring frames are near copies, so a random split would flatter it), the rest for training.
 * Written as two COCO files over the snapshot's images.
 *
 * @param train the training dataset's file
 * @param heldOut the held-out dataset's file
 * @param trainImages frames for training
 * @param heldOutImages frames held out
 * @param heldOutFrom the capture time of the first held-out frame
 */
public record TimeSplit(Path train, Path heldOut, int trainImages, int heldOutImages, Instant heldOutFrom) {

    public static final String TRAIN_FILE = "train.json";
    public static final String HELD_OUT_FILE = "held-out.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Splits the snapshot's COCO file into {@code dir}.
     *
     * @throws IllegalArgumentException when there are fewer than two frames
     */
    public static TimeSplit write(Path snapshotJson, double heldOutShare, Path dir) throws IOException {
        Dataset dataset = CocoDataset.read(snapshotJson);
        Map<Long, Instant> captured = new HashMap<>();
        for (JsonNode image : JSON.readTree(snapshotJson.toFile()).get("images")) {
            JsonNode time = image.get("capture_time");
            captured.put(image.get("id").asLong(), time == null ? Instant.EPOCH : Instant.parse(time.asText()));
        }
        List<AnnotatedImage> images = new ArrayList<>(dataset.images());
        if (images.size() < 2) {
            throw new IllegalArgumentException(snapshotJson + " has " + images.size() + " frames; a split into "
                    + "training and held-out frames needs at least 2");
        }
        images.sort(
                Comparator.comparing((AnnotatedImage i) -> captured.get(i.id())).thenComparingLong(AnnotatedImage::id));
        int heldOut = Math.max(1, Math.min(images.size() - 1, (int) Math.round(images.size() * heldOutShare)));
        int cut = images.size() - heldOut;
        Path train = dir.resolve(TRAIN_FILE);
        Path held = dir.resolve(HELD_OUT_FILE);
        java.nio.file.Files.createDirectories(dir);
        CocoDataset.write(train, new Dataset(dataset.imagesDir(), dataset.categories(), images.subList(0, cut)));
        CocoDataset.write(
                held, new Dataset(dataset.imagesDir(), dataset.categories(), images.subList(cut, images.size())));
        return new TimeSplit(
                train, held, cut, heldOut, captured.get(images.get(cut).id()));
    }
}
