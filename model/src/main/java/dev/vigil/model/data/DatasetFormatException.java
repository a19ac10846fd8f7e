package dev.vigil.model.data;

import java.io.IOException;
import java.nio.file.Path;

/** A dataset file that cannot be read; the message names the file, the entry and the cause. */
public class DatasetFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param entry where in the file, e.g. {@code annotations[17] (id 42)} */
    public DatasetFormatException(Path file, String entry, String cause) {
        super(file + ": " + entry + ": " + cause);
    }

    public DatasetFormatException(Path file, String entry, String cause, Throwable error) {
        super(file + ": " + entry + ": " + cause, error);
    }
}
