package dev.vigil.model.zone;

/**
 * Something an object did in a camera's scene.
 *
 * @param name the zone's or the line's name
 * @param timeMillis the frame time at which it was decided
 * @param dwellMillis for {@link Kind#ZONE_EXIT} and {@link Kind#LOITERING}: how long the object has been in the
 *     zone; 0 otherwise
 */
public record SceneEvent(Kind kind, String name, long trackId, String label, long timeMillis, long dwellMillis) {

    /** What happened. */
    public enum Kind {
        ZONE_ENTER,
        ZONE_EXIT,
        /** In the zone for its loitering time; once per visit. */
        LOITERING,
        LINE_IN,
        LINE_OUT
    }
}
