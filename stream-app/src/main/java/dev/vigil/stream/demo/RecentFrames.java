package dev.vigil.stream.demo;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.ingest.FrameSink;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last frames ingest sent, so the demo can draw each event's boxes on its own picture without reading
 * the frames topic again.
 */
final class RecentFrames {

    private final Map<String, Frame> frames;

    RecentFrames(int capacity) {
        this.frames = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Frame> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A sink that remembers each frame, then hands it to {@code next}. */
    FrameSink inFrontOf(FrameSink next) {
        return (frame, onDone) -> {
            synchronized (frames) {
                frames.put(key(frame.getCameraId(), frame.getFrameSequence()), frame);
            }
            next.send(frame, onDone);
        };
    }

    /** The frame, if it is still remembered. */
    Frame get(String camera, long sequence) {
        synchronized (frames) {
            return frames.get(key(camera, sequence));
        }
    }

    private static String key(String camera, long sequence) {
        return camera + "#" + sequence;
    }
}
