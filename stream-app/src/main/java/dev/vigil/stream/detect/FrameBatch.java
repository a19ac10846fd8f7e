package dev.vigil.stream.detect;

import java.util.List;

/**
 * Frames the micro-batcher hands to the detect step together.
 *
 * @param frames      oldest first
 * @param flushMillis wall-clock time of the flush (stale frames are judged against it)
 */
record FrameBatch(List<PendingFrame> frames, long flushMillis) {}
