package dev.vigil.stream.detect;

import dev.vigil.stream.detect.internal.BufferedFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The frames waiting for the detector, in arrival order, kept in a logged state store so that under exactly-once a
 * crash neither loses nor repeats them. Keys are arrival indexes (non-negative, so the store's byte order is their
 * numeric order). One per task; used by the stream thread only.
 */
final class FrameBuffer {

    private final KeyValueStore<Long, BufferedFrame> store;
    private long nextIndex;
    private int size;

    /** Wraps a (possibly restored) store, picking up where it left off. */
    FrameBuffer(KeyValueStore<Long, BufferedFrame> store) {
        this.store = store;
        try (KeyValueIterator<Long, BufferedFrame> all = store.all()) {
            while (all.hasNext()) {
                nextIndex = Math.max(nextIndex, all.next().key + 1);
                size++;
            }
        }
    }

    void add(BufferedFrame frame) {
        store.put(nextIndex++, frame);
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
    List<BufferedFrame> takeOldest(int max) {
        List<KeyValue<Long, BufferedFrame>> taken = new ArrayList<>(max);
        try (KeyValueIterator<Long, BufferedFrame> all = store.all()) {
            while (all.hasNext() && taken.size() < max) {
                taken.add(all.next());
            }
        }
        List<BufferedFrame> frames = new ArrayList<>(taken.size());
        for (KeyValue<Long, BufferedFrame> kv : taken) {
            store.delete(kv.key);
            frames.add(kv.value);
        }
        size -= taken.size();
        return frames;
    }
}
