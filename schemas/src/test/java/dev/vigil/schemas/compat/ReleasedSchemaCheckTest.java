package dev.vigil.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-time guard catches breaking changes and lets compatible ones through. */
class ReleasedSchemaCheckTest {

    private static final String RELEASED = "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"t\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"}]}";

    @TempDir
    Path source;

    @TempDir
    Path released;

    @Test
    void newFieldWithoutDefaultIsABreakingChange() throws IOException {
        write(released, "Reading-v1.avsc", RELEASED);
        write(source, "Reading.avsc", RELEASED.replace("]}", ",{\"name\":\"b\",\"type\":\"string\"}]}"));

        assertThat(ReleasedSchemaCheck.check(source, released))
                .singleElement()
                .asString()
                .contains("t.Reading", "Reading-v1.avsc", "READER_FIELD_MISSING_DEFAULT_VALUE", "b");
    }

    @Test
    void newFieldWithDefaultIsCompatible() throws IOException {
        write(released, "Reading-v1.avsc", RELEASED);
        write(
                source,
                "Reading.avsc",
                RELEASED.replace("]}", ",{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}"));

        assertThat(ReleasedSchemaCheck.check(source, released)).isEmpty();
    }

    @Test
    void aSchemaWithoutAReleaseIsReportedSoThatItIsCheckedFromItsFirstRelease() throws IOException {
        write(source, "Reading.avsc", RELEASED);

        assertThat(ReleasedSchemaCheck.check(source, released))
                .singleElement()
                .asString()
                .contains("t.Reading", "has no released version", "Reading-v1.avsc");
        write(released, "Reading-v1.avsc", RELEASED);
        assertThat(ReleasedSchemaCheck.check(source, released)).isEmpty();
    }

    /** v10 has field b, v2 has not: comparing with v2 (string order) would report b. */
    @Test
    void theHighestReleaseNumberIsTheOneCompared() throws IOException {
        String v2 = RELEASED.replace("]}", ",{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}");
        write(released, "Reading-v1.avsc", RELEASED);
        write(released, "Reading-v10.avsc", v2);
        write(released, "Reading-v2.avsc", RELEASED);
        write(source, "Reading.avsc", v2.replace(",\"default\":\"\"", ""));

        assertThat(ReleasedSchemaCheck.check(source, released)).isEmpty();
        Files.delete(released.resolve("Reading-v10.avsc"));
        assertThat(ReleasedSchemaCheck.check(source, released))
                .singleElement()
                .asString()
                .contains("Reading-v2.avsc");
    }

    @Test
    void aRemovedRecordIsReported() throws IOException {
        write(released, "Gone-v1.avsc", RELEASED.replace("Reading", "Gone"));

        assertThat(ReleasedSchemaCheck.check(source, released))
                .singleElement()
                .asString()
                .contains("Gone", "no .avsc");
    }

    @Test
    void theProjectSchemasMatchTheirReleases() {
        assertThat(ReleasedSchemaCheck.check(Path.of("src/main/avro"), Path.of("released")))
                .isEmpty();
    }

    private static void write(Path folder, String name, String schema) throws IOException {
        Files.writeString(folder.resolve(name), schema);
    }
}
