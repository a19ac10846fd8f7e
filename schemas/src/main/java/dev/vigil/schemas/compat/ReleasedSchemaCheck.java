package dev.vigil.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Build-time guard of the wire contract: every {@code .avsc} of the source folder must be
 * BACKWARD compatible with its last released version (a consumer built on the new schema reads
 * data written with the released one), and no released record may disappear.
 *
 * <p>Usage: {@code ReleasedSchemaCheck <source .avsc folder> <released folder>}; exits with 1 and
 * names each schema and incompatibility when the check fails.
 */
public final class ReleasedSchemaCheck {

    /** Exit status when a schema breaks its released version. */
    public static final int EXIT_INCOMPATIBLE = 1;

    /** Exit status for wrong arguments. */
    public static final int EXIT_USAGE = 2;

    private ReleasedSchemaCheck() {}

    /** Runs the check; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("Usage: ReleasedSchemaCheck <source .avsc folder> <released folder>");
            System.exit(EXIT_USAGE);
        }
        List<String> failures = check(Path.of(args[0]), Path.of(args[1]));
        if (!failures.isEmpty()) {
            failures.forEach(failure -> System.err.println("[schema check] " + failure));
            System.exit(EXIT_INCOMPATIBLE);
        }
        System.out.println("[schema check] all schemas are BACKWARD compatible with their releases");
    }

    /**
     * Returns one message per breaking change or unreleased schema; empty when every schema has a release and is
     * compatible with it.
     */
    public static List<String> check(Path sourceFolder, Path releasedFolder) {
        ReleasedSchemas released = ReleasedSchemas.in(releasedFolder);
        List<String> failures = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (Path source : avscFiles(sourceFolder)) {
            Schema schema = parse(source);
            current.add(schema.getName());
            Path lastRelease = released.lastRelease(schema.getName());
            if (lastRelease == null) {
                failures.add(String.format(
                        "%s (%s) has no released version in %s: every schema on the wire needs one to be checked "
                                + "against (copy it there as %s-v1.avsc when it first ships)",
                        schema.getFullName(), source.getFileName(), releasedFolder, schema.getName()));
                continue;
            }
            List<String> problems = AvroCompatibilityChecker.incompatibilities(
                    CompatibilityLevel.BACKWARD, schema, List.of(parse(lastRelease)));
            for (String problem : problems) {
                failures.add(String.format(
                        "%s (%s) is not BACKWARD compatible with %s: %s",
                        schema.getFullName(), source.getFileName(), lastRelease.getFileName(), problem));
            }
        }
        for (String recordName : released.recordNames()) {
            if (!current.contains(recordName)) {
                failures.add("released schema " + recordName + " has no .avsc in " + sourceFolder + " any more");
            }
        }
        return failures;
    }

    private static List<Path> avscFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".avsc"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list schemas in " + folder, e);
        }
    }

    private static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + file, e);
        } catch (SchemaParseException e) {
            throw new IllegalArgumentException("Invalid schema " + file + ": " + e.getMessage(), e);
        }
    }
}
