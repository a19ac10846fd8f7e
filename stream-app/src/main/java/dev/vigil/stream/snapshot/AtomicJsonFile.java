package dev.vigil.stream.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a JSON file so that readers see the old or the new content, never a partial one. */
final class AtomicJsonFile {

    private AtomicJsonFile() {}

    /** Writes {@code value} beside {@code file}, then moves it over {@code file}. */
    static void write(ObjectMapper mapper, Path file, Object value) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            mapper.writeValue(partial.toFile(), value);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
