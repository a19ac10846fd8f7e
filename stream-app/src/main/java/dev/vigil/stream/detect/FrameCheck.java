package dev.vigil.stream.detect;

import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.ImageHeader;
import dev.vigil.model.image.InvalidImageException;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.stream.kafka.CameraIds;
import java.util.Objects;

/**
 * What a frame must be for the detector to take it, checked before it is buffered, from the record and the image's
 * header only (no pixel decoded): a valid camera id that is also the record's key, a JPEG or PNG image that is what
 * the frame says it is, sizes (declared and real) within the pixel limit. A frame that fails goes to the dead-letter
 * topic with the reason; one that passes may still hold pixels that do not decode (the detect step dead-letters
 * those).
 */
final class FrameCheck {

    private final long maxPixels;
    private final ImageDecoder headers;

    /** @param maxPixels the most pixels a frame's image may have, declared or real */
    FrameCheck(long maxPixels) {
        this.maxPixels = maxPixels;
        this.headers = new ImageDecoder(maxPixels);
    }

    /**
     * @param key the record's key
     * @throws InvalidFrameException naming the frame and what is wrong with it
     */
    void check(String key, Frame frame) {
        String name = CameraIds.frameName(frame.getCameraId(), frame.getFrameSequence());
        CameraIds.problem(frame.getCameraId()).ifPresent(problem -> {
            throw new InvalidFrameException("Frame " + name + ": " + problem);
        });
        if (key == null) {
            throw new InvalidFrameException("Frame " + name + " has no key; a frame's key must be its camera id");
        }
        if (!Objects.equals(key, frame.getCameraId())) {
            throw new InvalidFrameException("Frame " + name + " has the key " + CameraIds.quoted(key)
                    + "; a frame's key must be its camera id");
        }
        ImageEncoding encoding = frame.getEncoding();
        if (encoding != ImageEncoding.JPEG && encoding != ImageEncoding.PNG) {
            throw new InvalidFrameException(
                    "Frame " + name + " has the image encoding " + encoding + "; JPEG or PNG expected");
        }
        if (frame.getWidth() <= 0 || frame.getHeight() <= 0) {
            throw new InvalidFrameException("Frame " + name + " declares a " + frame.getWidth() + "x"
                    + frame.getHeight() + " image; width and height must be positive");
        }
        long declared = (long) frame.getWidth() * frame.getHeight();
        if (declared > maxPixels) {
            throw new InvalidFrameException("Frame " + name + " declares a " + frame.getWidth() + "x"
                    + frame.getHeight() + " image (" + declared + " pixels), over the limit of " + maxPixels
                    + " pixels");
        }
        ImageHeader header;
        try {
            header = headers.header(name, DeadLetters.bytes(frame.getImage()));
        } catch (InvalidImageException e) {
            throw new InvalidFrameException("Frame " + name + ": " + e.getMessage(), e);
        }
        if (!header.format().equals(encoding.name())) {
            throw new InvalidFrameException(
                    "Frame " + name + " declares its image " + encoding + " but it is " + header.format());
        }
    }

    /** A frame the detector does not take. */
    static final class InvalidFrameException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidFrameException(String message) {
            super(message);
        }

        InvalidFrameException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
