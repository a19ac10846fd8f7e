package dev.vigil.model.zone;

import java.util.TreeMap;

/**
 * What {@link SceneTracker} remembers about one camera: per track, its presence in each zone and its side of each
 * line, by name (a zone renamed in the configuration starts afresh). {@link SceneStateCodec} makes bytes of it.
 * Mutable; not thread-safe.
 */
public final class SceneState {

    /** A track's presence in one zone. */
    static final class Presence {
        boolean inside;
        /** Frames in a row on the other side of {@link #inside}. */
        int streak;

        long streakStartMillis;
        long enteredMillis;
        long lastInsideMillis;
        boolean loiteringReported;
    }

    /** A track's side of one line. */
    static final class Side {
        /** −1, +1, or 0 before the track was first seen off the line. */
        int committed;

        int streak;
        /** The track's last position on the committed side. */
        double anchorX;

        double anchorY;
    }

    /** One track's presences and sides. */
    static final class TrackScene {
        final TreeMap<String, Presence> zones = new TreeMap<>();
        final TreeMap<String, Side> lines = new TreeMap<>();
    }

    final TreeMap<Long, TrackScene> tracks = new TreeMap<>();

    public static SceneState initial() {
        return new SceneState();
    }

    /** Tracks remembered. */
    public int trackCount() {
        return tracks.size();
    }

    /** The zones {@code trackId} is in now, by name. */
    public java.util.SortedSet<String> zonesOf(long trackId) {
        java.util.TreeSet<String> zones = new java.util.TreeSet<>();
        TrackScene scene = tracks.get(trackId);
        if (scene != null) {
            scene.zones.forEach((name, presence) -> {
                if (presence.inside) {
                    zones.add(name);
                }
            });
        }
        return zones;
    }
}
