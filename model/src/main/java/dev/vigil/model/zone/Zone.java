package dev.vigil.model.zone;

import java.util.Set;

/**
 * A zone of a camera.
 *
 * @param classes the classes it watches (empty: all)
 * @param inertia frames in a row an object must be inside to have entered, and outside to have left (Frigate: 3)
 * @param loiteringMillis time inside after which the object is loitering (0: never)
 */
public record Zone(String name, Polygon polygon, Set<String> classes, int inertia, long loiteringMillis) {

    public Zone {
        classes = Set.copyOf(classes);
        if (inertia < 1) {
            throw new IllegalArgumentException("zone " + name + ": inertia must be at least 1 frame, got " + inertia);
        }
        if (loiteringMillis < 0) {
            throw new IllegalArgumentException("zone " + name + ": loitering time must be >= 0");
        }
    }

    public boolean watches(String label) {
        return classes.isEmpty() || classes.contains(label);
    }
}
