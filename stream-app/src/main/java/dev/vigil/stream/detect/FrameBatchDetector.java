package dev.vigil.stream.detect;

import dev.vigil.model.image.ImageSize;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.Frame;
import java.util.List;

/**
 * Runs the detector on a batch of frames, in one call. Implementations are used by one stream thread at a time
 * and need not be thread-safe.
 */
public interface FrameBatchDetector extends AutoCloseable {

    /** The model that runs: name, version and weights' digest, as events carry them. */
    ModelIdentity model();

    /**
     * Detects objects in each frame.
     *
     * @return one result per frame, in the same order; a frame whose image cannot be decoded gets an
     *         {@link FrameResult.Undecodable} and does not stop the others
     */
    List<FrameResult> detect(List<Frame> frames);

    @Override
    default void close() {}

    /** What the detector made of one frame. */
    sealed interface FrameResult {
        /** Boxes in the pixels of the source image, whose real size (decoded, whatever the frame declared) is given. */
        record Detected(List<Detection> detections, ImageSize imageSize) implements FrameResult {}

        /** The frame's image could not be decoded. */
        record Undecodable(Exception cause) implements FrameResult {}
    }
}
