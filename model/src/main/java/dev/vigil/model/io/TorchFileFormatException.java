package dev.vigil.model.io;

import java.io.IOException;

/** A torch checkpoint that cannot be read: not a zip archive, an unsupported pickle opcode, a missing storage... */
public final class TorchFileFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public TorchFileFormatException(String message) {
        super(message);
    }

    public TorchFileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
