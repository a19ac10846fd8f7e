package dev.vigil.stream.detect;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.detect.internal.BufferedFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The frames waiting for the detector, in arrival order, kept in a logged state store so that under exactly-once a
 * crash neither loses nor repeats them. Keys are arrival indexes (non-negative, so the store's byte order is their
 * numeric order). The store holds each record as it arrived; the frames added here are also kept deserialized, so
 * a frame is deserialized once, and only frames restored after a restart are read again. One per task; used by the
 * stream thread only.
 */
final class FrameBuffer {

    private final KeyValueStore<Long, BufferedFrame> store;
    private final Function<BufferedFrame, Frame> readRestored;
    private final Map<Long, Frame> deserialized = new HashMap<>();
    private long nextIndex;
    private int size;

    /**
     * Wraps a (possibly restored) store, picking up where it left off.
     *
     * @param readRestored deserializes a frame that was in the store before this buffer was made
     */
    FrameBuffer(KeyValueStore<Long, BufferedFrame> store, Function<BufferedFrame, Frame> readRestored) {
        this.store = store;
        this.readRestored = readRestored;
        try (KeyValueIterator<Long, BufferedFrame> all = store.all()) {
            while (all.hasNext()) {
                nextIndex = Math.max(nextIndex, all.next().key + 1);
                size++;
            }
        }
    }

    void add(PendingFrame frame) {
        long index = nextIndex++;
        store.put(index, frame.arrived());
        deserialized.put(index, frame.frame());
        size++;
    }

    int size() {
        return size;
    }

    /** Arrival time of the oldest frame, or {@code Long.MAX_VALUE} when empty. */
    long oldestArrivalMillis() {
        try (KeyValueIterator<Long, BufferedFrame> all = store.all()) {
            return all.hasNext() ? all.next().value.getArrivalMillis() : Long.MAX_VALUE;
        }
    }

    /** Removes and returns up to {@code max} of the oldest frames, oldest first. */
    List<PendingFrame> takeOldest(int max) {
        List<KeyValue<Long, BufferedFrame>> taken = new ArrayList<>(max);
        try (KeyValueIterator<Long, BufferedFrame> all = store.all()) {
            while (all.hasNext() && taken.size() < max) {
                taken.add(all.next());
            }
        }
        List<PendingFrame> frames = new ArrayList<>(taken.size());
        for (KeyValue<Long, BufferedFrame> kv : taken) {
            Frame frame = deserialized.remove(kv.key);
            frames.add(new PendingFrame(kv.value, frame != null ? frame : readRestored.apply(kv.value)));
            store.delete(kv.key);
        }
        size -= taken.size();
        return frames;
    }
}
