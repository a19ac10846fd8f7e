package dev.vigil.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFileNamesTest {

    @TempDir
    Path dir;

    static final List<String> HOSTILE = List.of(
            "../../../../tmp/x/pwned",
            "/etc/passwd",
            "..",
            ".",
            ".hidden",
            "a/../../b",
            "a\\\\..\\\\b",
            "",
            "cam\\u0000x",
            "x".repeat(5000),
            "c:\\\\windows",
            "~",
            "cam 1",
            "kamera-ü");

    @Test
    void plainNamesStayAsTheyAre() {
        for (String name : List.of("cam-1", "gate_2", "yard.north", "A", "x".repeat(128))) {
            assertThat(SafeFileNames.isPlain(name)).as(name).isTrue();
            assertThat(SafeFileNames.of(name)).isEqualTo(name);
        }
    }

    @Test
    void anyOtherNameBecomesOneComponentInsideItsFolderDistinctFromEveryOther() {
        Set<String> mapped = new HashSet<>();
        for (String name : HOSTILE) {
            assertThat(SafeFileNames.isPlain(name)).as(name).isFalse();
            String safe = SafeFileNames.of(name);
            assertThat(safe).as("mapped " + name).matches("[A-Za-z0-9_-]{0,64}~[0-9a-f]{16}");
            Path file = SafeFileNames.resolveInside(dir, safe);
            assertThat(file.getParent()).isEqualTo(dir.toAbsolutePath().normalize());
            mapped.add(safe);
        }
        assertThat(mapped).as("no two names share a file").hasSize(HOSTILE.size());
        assertThat(SafeFileNames.of("a/b"))
                .isNotEqualTo(SafeFileNames.of("a_b"))
                .doesNotContain("/");
    }

    @Test
    void pathsThatLeadOutOfTheFolderAreRefused() {
        for (String relative : List.of("../x.jpg", "a/../../x.jpg", "/tmp/x.jpg", "", ".")) {
            assertThatThrownBy(() -> SafeFileNames.resolveInside(dir, relative))
                    .as(relative)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("leads out of the folder");
        }
        assertThat(SafeFileNames.resolveInside(dir, "cam/1.jpg"))
                .isEqualTo(dir.toAbsolutePath().resolve("cam/1.jpg"));
    }
}
