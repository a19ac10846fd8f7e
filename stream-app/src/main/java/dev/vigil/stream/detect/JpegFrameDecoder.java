package dev.vigil.stream.detect;

import dev.vigil.model.image.DecodedImage;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.stream.kafka.CameraIds;

/**
 * Decodes a frame's encoded image for the detector with the model's {@link ImageDecoder}: to its samples as they are
 * (8 bits for a JPEG), which the detector's transform normalises and resizes in one pass.
 */
final class JpegFrameDecoder {

    private final ImageDecoder decoder;

    /**
     * @param maxPixels images with more pixels than this are refused before they are decoded (frames are checked
     *                  against the configured limit before, by {@link FrameCheck}: this is the decoder's own cap)
     */
    JpegFrameDecoder(long maxPixels) {
        this.decoder = new ImageDecoder(maxPixels);
    }

    /**
     * @throws IllegalArgumentException naming the camera and frame when the bytes are not a decodable image
     */
    DecodedImage decode(Frame frame) {
        String name = CameraIds.frameName(frame.getCameraId(), frame.getFrameSequence());
        if (frame.getEncoding() != ImageEncoding.JPEG && frame.getEncoding() != ImageEncoding.PNG) {
            throw new IllegalArgumentException("Frame " + name + " has unsupported encoding " + frame.getEncoding());
        }
        return decoder.decodeSamples(name, DeadLetters.bytes(frame.getImage()));
    }
}
