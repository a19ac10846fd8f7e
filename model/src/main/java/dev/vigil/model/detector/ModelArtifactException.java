package dev.vigil.model.detector;

import java.io.IOException;
import java.nio.file.Path;

/** A model artifact directory that cannot be used; the message names the directory, the file and the cause. */
public class ModelArtifactException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelArtifactException(Path directory, String file, String cause) {
        super("model artifact " + directory + ": " + file + ": " + cause);
    }

    public ModelArtifactException(Path directory, String file, String cause, Throwable error) {
        super("model artifact " + directory + ": " + file + ": " + cause, error);
    }
}
