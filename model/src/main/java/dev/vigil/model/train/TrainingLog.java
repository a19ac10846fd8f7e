package dev.vigil.model.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's JSON-lines log ({@value #FILE}): one object per iteration with the phase, iteration, learning rate,
 * the four losses ({@code null} where not computed), their total and images/s. Appended to, so a resumed run keeps
 * its history.
 */
public final class TrainingLog implements TrainingListener, AutoCloseable {

    public static final String FILE = "train-log.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter writer;

    public TrainingLog(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        this.writer = Files.newBufferedWriter(
                runDir.resolve(FILE), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** One logged iteration. */
    public record Entry(String phase, int iteration, float learningRate, LossValues losses) {}

    @Override
    public void iteration(
            TrainingPhase phase, int iteration, LossValues losses, float learningRate, double imagesPerSecond) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("phase", phase.name());
        line.put("iteration", iteration);
        line.put("lr", learningRate);
        put(line, "rpn_objectness", losses.rpnObjectness());
        put(line, "rpn_box", losses.rpnBox());
        put(line, "classifier", losses.classifier());
        put(line, "box_regression", losses.boxRegression());
        line.put("total", losses.total());
        line.put("images_per_s", Math.round(imagesPerSecond * 100) / 100.0);
        try {
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot append to the training log: " + e.getMessage(), e);
        }
    }

    private static void put(ObjectNode line, String name, float value) {
        if (Float.isNaN(value)) {
            line.putNull(name);
        } else {
            line.put(name, value);
        }
    }

    /** Every entry of a run's log, in order. */
    public static List<Entry> read(Path runDir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String text : Files.readAllLines(runDir.resolve(FILE), StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode line = JSON.readTree(text);
            entries.add(new Entry(
                    line.path("phase").asText(),
                    line.path("iteration").asInt(),
                    (float) line.path("lr").asDouble(),
                    new LossValues(
                            value(line, "rpn_objectness"),
                            value(line, "rpn_box"),
                            value(line, "classifier"),
                            value(line, "box_regression"),
                            true)));
        }
        return entries;
    }

    private static float value(JsonNode line, String name) {
        JsonNode v = line.path(name);
        return v.isNumber() ? (float) v.asDouble() : Float.NaN;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
