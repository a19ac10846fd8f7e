package dev.vigil.model.zone;

import java.util.List;
import java.util.Map;

/**
 * One camera's zones, lines and masks in pixels, and its minimum score and area per class.
 *
 * @param minScore per class; the entry {@link #ANY_CLASS} applies to classes without one
 * @param minArea per class, in square pixels; {@link #ANY_CLASS} as for scores
 */
public record CameraScene(
        List<Zone> zones,
        List<CountingLine> lines,
        List<Polygon> masks,
        Map<String, Double> minScore,
        Map<String, Double> minArea) {

    /** The key of the score and area thresholds that apply to every class without its own. */
    public static final String ANY_CLASS = "default";

    /** A camera nobody configured: nothing to count, nothing filtered. */
    public static final CameraScene EMPTY = new CameraScene(List.of(), List.of(), List.of(), Map.of(), Map.of());

    public CameraScene {
        zones = List.copyOf(zones);
        lines = List.copyOf(lines);
        masks = List.copyOf(masks);
        minScore = Map.copyOf(minScore);
        minArea = Map.copyOf(minArea);
    }

    /**
     * Whether a detection is reported: its bottom centre outside every mask, its score and area at least the class's
     * minimum.
     */
    public boolean reports(String label, float score, double x1, double y1, double x2, double y2) {
        if (score < minScore.getOrDefault(label, minScore.getOrDefault(ANY_CLASS, 0.0))) {
            return false;
        }
        if ((x2 - x1) * (y2 - y1) < minArea.getOrDefault(label, minArea.getOrDefault(ANY_CLASS, 0.0))) {
            return false;
        }
        double footX = (x1 + x2) / 2;
        for (Polygon mask : masks) {
            if (mask.contains(footX, y2)) {
                return false;
            }
        }
        return true;
    }
}
