package dev.vigil.model.teacher;

import dev.vigil.model.detector.DetectedObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Score thresholds of pseudo-labels per Vigil class: a box of a class named here needs that class's threshold, any
 * other box the fallback.
 *
 * @param byClass threshold per class name, each in [0, 1)
 * @param fallback threshold of the classes not named
 */
public record ClassThresholds(Map<String, Float> byClass, float fallback) {

    public ClassThresholds {
        byClass = Collections.unmodifiableMap(new LinkedHashMap<>(byClass));
        byClass.forEach((name, threshold) -> check(threshold, "class '" + name + "'"));
        check(fallback, "the fallback");
    }

    /** One threshold for every class. */
    public static ClassThresholds uniform(float threshold) {
        return new ClassThresholds(Map.of(), threshold);
    }

    /**
     * Parses {@code class=score} pairs separated by commas, e.g. {@code person=0.4,car=0.3}.
     *
     * @throws IllegalArgumentException naming the entry that is not a pair of a name and a score in [0, 1), or a
     *     class given twice
     */
    public static ClassThresholds parse(String spec, float fallback) {
        Map<String, Float> byClass = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] pair = entry.split("=", -1);
            if (pair.length != 2 || pair[0].isBlank()) {
                throw new IllegalArgumentException(
                        "class threshold '" + entry.strip() + "' is not class=score (in '" + spec + "')");
            }
            float threshold;
            try {
                threshold = Float.parseFloat(pair[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "class threshold '" + entry.strip() + "' has no number after '=' (in '" + spec + "')", e);
            }
            if (byClass.put(pair[0].strip(), threshold) != null) {
                throw new IllegalArgumentException(
                        "class '" + pair[0].strip() + "' has two thresholds (in '" + spec + "')");
            }
        }
        return new ClassThresholds(byClass, fallback);
    }

    /** The threshold of boxes of {@code className}. */
    public float of(String className) {
        return byClass.getOrDefault(className, fallback);
    }

    /** The lowest threshold of any class: a teacher must keep boxes down to it for {@link #keep} to choose. */
    public float lowest() {
        float lowest = fallback;
        for (float threshold : byClass.values()) {
            lowest = Math.min(lowest, threshold);
        }
        return lowest;
    }

    /** The detections scoring at least their class's threshold, in their order. */
    public List<DetectedObject> keep(List<DetectedObject> detections) {
        List<DetectedObject> kept = new ArrayList<>(detections.size());
        for (DetectedObject d : detections) {
            if (d.score() >= of(d.label())) {
                kept.add(d);
            }
        }
        return kept;
    }

    /** The thresholds as {@link #parse} reads them, e.g. {@code person=0.40,car=0.30}. */
    public String spec() {
        return byClass.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s=%.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(","));
    }

    private static void check(float threshold, String what) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException(
                    "the score threshold of " + what + " must be in [0, 1), got " + threshold);
        }
    }
}
