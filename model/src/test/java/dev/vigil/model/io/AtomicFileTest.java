package dev.vigil.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldContentAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("state.json");
        AtomicFile.write(file, temporary -> Files.writeString(temporary, "old"));

        assertThatThrownBy(() -> AtomicFile.write(file, temporary -> {
                    Files.writeString(temporary, "half of the new");
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");

        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        AtomicFile.write(dir.resolve("new/sub/state.json"), temporary -> Files.writeString(temporary, "new"));
        assertThat(Files.readString(dir.resolve("new/sub/state.json"))).isEqualTo("new");
    }
}
