package dev.vigil.stream.detect;

import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.RgbImage;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;

/** Decodes a frame's encoded image into the detector's RGB float layout, with the model's {@link ImageDecoder}. */
final class JpegFrameDecoder {

    private final long maxPixels;
    private final ImageDecoder decoder;

    /** @param maxPixels frames declaring or decoding to more pixels than this are refused before they use memory */
    JpegFrameDecoder(long maxPixels) {
        this.maxPixels = maxPixels;
        this.decoder = new ImageDecoder(maxPixels);
    }

    /**
     * @throws IllegalArgumentException naming the camera and frame when the bytes are not a decodable image
     */
    RgbImage decode(Frame frame) {
        String name = frame.getCameraId() + "#" + frame.getFrameSequence();
        if (frame.getEncoding() != ImageEncoding.JPEG && frame.getEncoding() != ImageEncoding.PNG) {
            throw new IllegalArgumentException("Frame " + name + " has unsupported encoding " + frame.getEncoding());
        }
        if ((long) frame.getWidth() * frame.getHeight() > maxPixels
                || frame.getWidth() <= 0
                || frame.getHeight() <= 0) {
            throw new IllegalArgumentException("Frame " + name + " declares a " + frame.getWidth() + "x"
                    + frame.getHeight() + " image, outside 1.." + maxPixels + " pixels");
        }
        return decoder.decode(name, DeadLetters.bytes(frame.getImage()));
    }
}
