package dev.vigil.stream.detect;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.detect.internal.BufferedFrame;

/**
 * A frame on its way through the detect topology: the record as it arrived with where it came from (what the batch
 * buffer stores and the dead-letter topic receives) and the frame it holds, deserialized once by the
 * {@link FrameReader}.
 */
record PendingFrame(BufferedFrame arrived, Frame frame) {}
