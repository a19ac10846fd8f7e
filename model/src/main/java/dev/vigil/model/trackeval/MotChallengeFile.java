package dev.vigil.model.trackeval;

import dev.vigil.model.trackeval.TrackBox.Kind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MOT Challenge text files: one box per line, {@code frame, id, left, top, width, height, conf[, class, visibility]}
 * (MOT16/17/20 ground truth) or {@code frame, id, left, top, width, height, conf, x, y, z} (results, MOT15).
 *
 * <p>Ground truth, as py-motmetrics reads it for MOT16/17: a row of a distractor class (person on vehicle, static
 * person, distractor, reflection) or with a negative visibility is an ignore region; otherwise a row is scored when
 * its "consider" flag ({@code conf}) is 1, and not scored when it is 0. Classes are named as MOT17 names them
 * (pedestrian = {@code person}); rows without a class are people.
 */
public final class MotChallengeFile {

    /** MOT17's class ids that Vigil's class names stand for. */
    private static final Map<Integer, String> CLASS_NAMES = Map.of(1, "person", 3, "car", 4, "bicycle", 5, "motorbike");

    /** {@code preprocess.py}'s distractors: person_on_vhcl, static_person, distractor, reflection. */
    private static final Set<Integer> DISTRACTORS = Set.of(2, 7, 8, 12);

    private static final double CONSIDER = 0.99;

    private MotChallengeFile() {}

    /** Reads a ground truth ({@code gt.txt}); every frame from 1 to the last one named is labelled. */
    public static TrackSequence readGroundTruth(Path file) throws IOException {
        return read(file, true);
    }

    /** Reads a tracker's results: every box is a hypothesis without a class. */
    public static TrackSequence readResults(Path file) throws IOException {
        return read(file, false);
    }

    /** Writes {@code sequence}'s boxes as a results file (frame, id, box, score, -1, -1, -1), frame by frame. */
    public static void writeResults(Path file, TrackSequence sequence) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int frame : sequence.labelledFrames()) {
                for (TrackBox b : sequence.boxes(frame)) {
                    out.write(String.format(
                            Locale.ROOT,
                            "%d,%d,%.2f,%.2f,%.2f,%.2f,%.4f,-1,-1,-1%n",
                            frame,
                            b.id(),
                            b.x(),
                            b.y(),
                            b.width(),
                            b.height(),
                            b.score()));
                }
            }
        }
    }

    private static TrackSequence read(Path file, boolean groundTruth) throws IOException {
        TrackSequence sequence = new TrackSequence();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int lastFrame = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s*[,\\s]\\s*");
            if (fields.length < 6) {
                throw problem(file, n, "expected at least frame, id, left, top, width, height; got '" + line + "'");
            }
            double[] v = new double[fields.length];
            for (int i = 0; i < fields.length; i++) {
                try {
                    v[i] = Double.parseDouble(fields[i]);
                } catch (NumberFormatException e) {
                    throw problem(file, n, "field " + (i + 1) + " is not a number: '" + fields[i] + "'");
                }
                if (!Double.isFinite(v[i])) {
                    throw problem(file, n, "field " + (i + 1) + " is not finite: '" + fields[i] + "'");
                }
            }
            int frame = integer(file, n, v[0], "frame");
            if (frame < 1) {
                throw problem(file, n, "frame numbers start at 1, got " + frame);
            }
            long id = integer(file, n, v[1], "id");
            if (v[4] < 0 || v[5] < 0) {
                throw problem(file, n, "negative width or height");
            }
            float score = fields.length > 6 ? (float) v[6] : 1f;
            if (!groundTruth) {
                sequence.add(frame, new TrackBox(id, null, v[2], v[3], v[4], v[5], score, Kind.SCORED));
                continue;
            }
            lastFrame = Math.max(lastFrame, frame);
            int classId = fields.length == 9 ? integer(file, n, v[7], "class") : 1;
            double visibility = fields.length == 9 ? v[8] : 1;
            Kind kind;
            if (DISTRACTORS.contains(classId) || visibility < 0) {
                kind = Kind.IGNORE_REGION;
            } else if (score >= CONSIDER && CLASS_NAMES.containsKey(classId)) {
                kind = Kind.SCORED;
            } else {
                kind = Kind.NOT_SCORED;
            }
            String label = CLASS_NAMES.getOrDefault(classId, "mot-class-" + classId);
            sequence.add(frame, new TrackBox(id, label, v[2], v[3], v[4], v[5], 1f, kind));
        }
        for (int frame = 1; frame <= lastFrame; frame++) {
            sequence.label(frame);
        }
        return sequence;
    }

    private static int integer(Path file, int line, double value, String field) throws IOException {
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw problem(file, line, field + " must be an integer, got " + value);
        }
        return (int) value;
    }

    private static IOException problem(Path file, int line, String cause) {
        return new IOException(file + ":" + (line + 1) + ": " + cause);
    }
}
