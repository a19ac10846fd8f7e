package dev.vigil.model.lifecycle;

import java.util.TreeMap;
import java.util.TreeSet;

/** What {@link ObjectLifecycle} remembers about one camera's objects, by track id. Mutable; not thread-safe. */
public final class LifecycleState {

    /** One object. */
    static final class Record {
        long trackId;
        int classId;
        String label;
        long firstSeenMillis;
        long lastSeenMillis;
        float topScore;
        /** The top score when the last NEW or BETTER_SNAPSHOT went out. */
        float announcedScore;

        long bestFrameSequence;
        float[] bestBox = new float[4];
        float[] box = new float[4];
        final TreeSet<String> zones = new TreeSet<>();
        boolean stationary;
        /** The box it had when it stopped moving, and since when. */
        float[] restBox = new float[4];

        long restSinceMillis;
        double pathLength;
    }

    final TreeMap<Long, Record> objects = new TreeMap<>();

    public static LifecycleState initial() {
        return new LifecycleState();
    }

    /** Objects alive (announced and not ended). */
    public int objectCount() {
        return objects.size();
    }
}
