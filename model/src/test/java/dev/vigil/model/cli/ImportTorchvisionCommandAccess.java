package dev.vigil.model.cli;

import java.io.IOException;
import java.nio.file.Path;

/** Test access to the import command's provenance hash. */
public final class ImportTorchvisionCommandAccess {

    private ImportTorchvisionCommandAccess() {}

    public static String sha256(Path file) throws IOException {
        return ImportTorchvisionCommand.sha256(file);
    }
}
