package dev.vigil.model.zone;

/**
 * What a windowed count counts: one camera's zone or line, one class, one direction.
 *
 * @param direction {@code ENTER}, {@code EXIT} or {@code LOITERING} for a zone, {@code IN} or {@code OUT} for a line
 */
public record CountKey(String cameraId, Shape shape, String name, String label, String direction) {

    /** Zone or line. */
    public enum Shape {
        ZONE,
        LINE
    }

    /** The count an event adds one to. */
    public static CountKey of(String cameraId, SceneEvent event) {
        return switch (event.kind()) {
            case ZONE_ENTER -> new CountKey(cameraId, Shape.ZONE, event.name(), event.label(), "ENTER");
            case ZONE_EXIT -> new CountKey(cameraId, Shape.ZONE, event.name(), event.label(), "EXIT");
            case LOITERING -> new CountKey(cameraId, Shape.ZONE, event.name(), event.label(), "LOITERING");
            case LINE_IN -> new CountKey(cameraId, Shape.LINE, event.name(), event.label(), "IN");
            case LINE_OUT -> new CountKey(cameraId, Shape.LINE, event.name(), event.label(), "OUT");
        };
    }

    /** The start of the tumbling window of {@code sizeMillis} that holds {@code timeMillis} (windows from epoch 0). */
    public static long windowStart(long timeMillis, long sizeMillis) {
        if (sizeMillis <= 0) {
            throw new IllegalArgumentException("window size must be positive, got " + sizeMillis + " ms");
        }
        return Math.floorDiv(timeMillis, sizeMillis) * sizeMillis;
    }
}
