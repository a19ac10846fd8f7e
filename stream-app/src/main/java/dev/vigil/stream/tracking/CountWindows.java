package dev.vigil.stream.tracking;

import dev.vigil.model.zone.CountKey;
import dev.vigil.schemas.CountDirection;
import dev.vigil.schemas.CountShape;
import dev.vigil.schemas.ZoneCount;
import dev.vigil.stream.tracking.internal.CameraCounts;
import dev.vigil.stream.tracking.internal.CountEntry;
import dev.vigil.stream.tracking.internal.CountWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * One camera's counts in tumbling windows of frame time: the window open now and the last one closed. A camera's
 * frames arrive in order, so only one window is open at a time; it closes when a frame falls outside it, and its
 * counts (those above 0) are then final. {@link #toRecord()} and {@link #of(CameraCounts)} convert it to and from
 * the record kept in the state store. Mutable; not thread-safe.
 */
final class CountWindows {

    private static final Comparator<CountKey> ORDER = Comparator.comparing(CountKey::shape)
            .thenComparing(CountKey::name)
            .thenComparing(CountKey::label)
            .thenComparing(CountKey::direction);

    private final String cameraId;
    private CountWindow open;
    private final TreeMap<CountKey, Long> counts = new TreeMap<>(ORDER);
    private CountWindow previous;
    private boolean changed;

    private CountWindows(String cameraId, CountWindow open, CountWindow previous) {
        this.cameraId = cameraId;
        this.open = open;
        this.previous = previous;
        if (open != null) {
            for (CountEntry entry : open.getCounts()) {
                counts.put(
                        new CountKey(
                                cameraId,
                                CountKey.Shape.valueOf(entry.getShape()),
                                entry.getName(),
                                entry.getLabel(),
                                entry.getDirection()),
                        entry.getCount());
            }
        }
    }

    /** A camera with nothing counted yet. */
    static CountWindows initial(String cameraId) {
        return new CountWindows(cameraId, null, null);
    }

    /** The counts kept in the store (or {@link #initial} for {@code null}). */
    static CountWindows of(String cameraId, CameraCounts record) {
        return record == null
                ? initial(cameraId)
                : new CountWindows(cameraId, record.getCurrent(), record.getPrevious());
    }

    /**
     * Opens the window of {@code timeMillis} if it is not the one open; the window that closes becomes the previous
     * one.
     *
     * @return the closed window's counts, for the counts topic; empty when no window closed or it counted nothing
     */
    List<ZoneCount> moveTo(long timeMillis, long windowMillis) {
        if (open != null && timeMillis >= open.getWindowStart() && timeMillis < open.getWindowEnd()) {
            return List.of();
        }
        List<ZoneCount> closed = new ArrayList<>();
        if (open != null) {
            CountWindow done = snapshot();
            for (CountEntry entry : done.getCounts()) {
                closed.add(ZoneCount.newBuilder()
                        .setCameraId(cameraId)
                        .setShape(CountShape.valueOf(entry.getShape()))
                        .setName(entry.getName())
                        .setLabel(entry.getLabel())
                        .setDirection(CountDirection.valueOf(entry.getDirection()))
                        .setWindowStart(Instant.ofEpochMilli(done.getWindowStart()))
                        .setWindowEnd(Instant.ofEpochMilli(done.getWindowEnd()))
                        .setCount(entry.getCount())
                        .build());
            }
            previous = done;
        }
        long start = CountKey.windowStart(timeMillis, windowMillis);
        long end = start > Long.MAX_VALUE - windowMillis ? Long.MAX_VALUE : start + windowMillis;
        open = new CountWindow(start, end, List.of());
        counts.clear();
        changed = true;
        return closed;
    }

    /** One more for {@code key} in the open window. */
    void add(CountKey key) {
        if (open == null) {
            throw new IllegalStateException("no window is open: moveTo first");
        }
        counts.merge(key, 1L, Long::sum);
        changed = true;
    }

    /** Whether a window opened or a count changed since this was read from the store. */
    boolean changed() {
        return changed;
    }

    CameraCounts toRecord() {
        return new CameraCounts(open == null ? null : snapshot(), previous);
    }

    private CountWindow snapshot() {
        List<CountEntry> entries = new ArrayList<>(counts.size());
        counts.forEach((key, count) ->
                entries.add(new CountEntry(key.shape().name(), key.name(), key.label(), key.direction(), count)));
        return new CountWindow(open.getWindowStart(), open.getWindowEnd(), entries);
    }
}
