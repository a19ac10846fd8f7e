package dev.vigil.stream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.media.ContactSheet;
import dev.vigil.stream.snapshot.CocoDatasetWriter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil labels draw}: frames with their labels as PNG contact sheets, coloured by where the labels came from. */
@Command(
        name = "draw",
        mixinStandardHelpOptions = true,
        description = "Draws the frames of a COCO dataset (a snapshot's annotations.json, autolabel's output) with "
                + "their labels into PNG contact sheets (OUT/labels-001.png, ...): human labels green, imported blue, "
                + "a teacher's orange with its score, ignore regions dashed, each frame captioned with its camera and "
                + "sequence.")
public final class LabelsDrawCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "COCO.json", required = true, description = "The frames and labels.")
    Path dataset;

    @Option(names = "--images", paramLabel = "DIR", description = "Their images. Default: the JSON's own.")
    Path images;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the sheets go.")
    Path out;

    @Option(names = "--camera", paramLabel = "NAME", description = "Only this camera's frames.")
    String camera;

    @Option(names = "--per-sheet", defaultValue = "12", description = "Frames per sheet. Default: ${DEFAULT-VALUE}.")
    int perSheet;

    @Option(names = "--columns", defaultValue = "4", description = "Frames per row. Default: ${DEFAULT-VALUE}.")
    int columns;

    @Option(
            names = "--width",
            paramLabel = "PX",
            defaultValue = "384",
            description = "Width of a frame on the sheet. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(
            names = "--max-sheets",
            defaultValue = "20",
            description = "Stop after this many sheets. Default: ${DEFAULT-VALUE}.")
    int maxSheets;

    @Override
    public Integer call() throws IOException {
        if (perSheet <= 0 || columns <= 0 || width <= 0 || width > 4096 || maxSheets <= 0) {
            throw new IllegalArgumentException("--per-sheet, --columns, --max-sheets must be positive and --width "
                    + "1..4096, got " + perSheet + ", " + columns + ", " + maxSheets + ", " + width);
        }
        Dataset data = CocoDataset.read(dataset, images);
        Map<Long, JsonNode> entries = new HashMap<>();
        for (JsonNode image : new ObjectMapper().readTree(dataset.toFile()).path("images")) {
            entries.put(image.path("id").asLong(), image);
        }
        Map<Integer, String> names = new HashMap<>();
        for (Category category : data.categories()) {
            names.put(category.id(), category.name());
        }
        List<ContactSheet.Tile> tiles = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        int skipped = 0;
        Files.createDirectories(out);
        for (AnnotatedImage image : data.images()) {
            JsonNode entry = entries.get(image.id());
            if (camera != null && !camera.equals(entry.path("camera_id").asText())) {
                continue;
            }
            BufferedImage pixels = ImageIO.read(data.imagePath(image).toFile());
            if (pixels == null) {
                skipped++;
                continue;
            }
            String source = entry.path(CocoDatasetWriter.LABEL_SOURCE).asText(null);
            tiles.add(new ContactSheet.Tile(pixels, caption(image, entry), source, boxes(image, names, source)));
            if (tiles.size() == perSheet) {
                written.add(writeSheet(tiles, written.size() + 1));
                tiles.clear();
                if (written.size() == maxSheets) {
                    break;
                }
            }
        }
        if (!tiles.isEmpty() && written.size() < maxSheets) {
            written.add(writeSheet(tiles, written.size() + 1));
        }
        spec.commandLine().getOut().printf("wrote %d contact sheets to %s%n", written.size(), out);
        if (skipped > 0) {
            spec.commandLine().getErr().printf("vigil labels draw: %d images could not be read%n", skipped);
        }
        return written.isEmpty() || skipped > 0 ? 1 : 0;
    }

    private static String caption(AnnotatedImage image, JsonNode entry) {
        return entry.has("camera_id")
                ? entry.path("camera_id").asText() + " #"
                        + entry.path("frame_sequence").asText()
                : image.fileName();
    }

    private static List<ContactSheet.Box> boxes(AnnotatedImage image, Map<Integer, String> names, String source) {
        List<ContactSheet.Box> boxes = new ArrayList<>();
        for (GroundTruthBox b : image.boxes()) {
            boolean scored = source == null || "TEACHER".equals(source);
            boxes.add(new ContactSheet.Box(
                    b.x1(),
                    b.y1(),
                    b.x2(),
                    b.y2(),
                    names.getOrDefault(b.categoryId(), "?"),
                    scored && b.score() < 1f ? b.score() : null,
                    b.crowd()));
        }
        return boxes;
    }

    private Path writeSheet(List<ContactSheet.Tile> tiles, int number) throws IOException {
        Path file = out.resolve(String.format(Locale.ROOT, "labels-%03d.png", number));
        ImageIO.write(ContactSheet.draw(tiles, Math.min(columns, tiles.size()), width), "png", file.toFile());
        return file;
    }
}
