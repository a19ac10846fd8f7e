package dev.vigil.stream.ingest;

import dev.vigil.schemas.Frame;

/** Where a camera reader hands its frames. */
public interface FrameSink {

    /**
     * Sends one frame, asynchronously; {@code onDone} runs with {@code null} once it is stored, or with the error.
     */
    void send(Frame frame, java.util.function.Consumer<Exception> onDone);
}
