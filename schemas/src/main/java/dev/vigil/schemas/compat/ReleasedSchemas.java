package dev.vigil.schemas.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder of released schemas: one file per record and release, named
 * {@code <RecordName>-v<N>.avsc}; the highest N of a record is its last release.
 */
public final class ReleasedSchemas {

    private static final Pattern RELEASED_FILE = Pattern.compile("(.+)-v(\\d+)\\.avsc");

    private final Map<String, Path> lastReleaseByRecord = new TreeMap<>();

    private ReleasedSchemas() {}

    /** Indexes the released schemas kept in {@code folder}. */
    public static ReleasedSchemas in(Path folder) {
        ReleasedSchemas released = new ReleasedSchemas();
        Map<String, Integer> highest = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> {
                Matcher name = RELEASED_FILE.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    return;
                }
                int release = Integer.parseInt(name.group(2));
                if (release > highest.getOrDefault(name.group(1), 0)) {
                    highest.put(name.group(1), release);
                    released.lastReleaseByRecord.put(name.group(1), file);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list released schemas in " + folder, e);
        }
        return released;
    }

    /** Record names (the schema's simple name) with at least one release. */
    public Iterable<String> recordNames() {
        return lastReleaseByRecord.keySet();
    }

    /** The file of the last release of {@code recordName}, or null when it was never released. */
    public Path lastRelease(String recordName) {
        return lastReleaseByRecord.get(recordName);
    }
}
