package dev.vigil.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a file so that readers see the old content or the new, never a partial one: the content is written to a
 * temporary file beside it, which is then moved over it in one step. A failed write leaves the old file as it was.
 */
public final class AtomicFile {

    /** Writes the new content into the temporary file it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFile() {}

    /** Writes {@code content} beside {@code file} (creating missing folders), then moves it over {@code file}. */
    public static void write(Path file, Content content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(
                absolute.getParent(), absolute.getFileName().toString(), ".partial");
        try {
            content.writeTo(temporary);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** {@link #write} of {@code value} as JSON. */
    public static void writeJson(ObjectMapper mapper, Path file, Object value) throws IOException {
        write(file, temporary -> mapper.writeValue(temporary.toFile(), value));
    }
}
