package dev.vigil.model.image;

/** An input the detector cannot use as an image (unreadable, empty, too large); the message names the input. */
public class InvalidImageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidImageException(String imageName, String cause) {
        super("image " + imageName + ": " + cause);
    }

    public InvalidImageException(String imageName, String cause, Throwable error) {
        super("image " + imageName + ": " + cause, error);
    }
}
