package dev.vigil.stream.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The cameras of one ingest process, given as {@code NAME=URI} entries on the command line or in a cameras file. */
public final class CameraList {

    private CameraList() {}

    /**
     * The {@code NAME=URI} lines of a cameras file; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the file (and line) when it cannot be read or a line is malformed
     */
    public static List<String> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read cameras file " + file + ": " + e.getMessage(), e);
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw new IllegalArgumentException(
                        "Cameras file " + file + " line " + (i + 1) + ": '" + line + "' is not NAME=URI");
            }
            entries.add(line);
        }
        return entries;
    }

    /**
     * @throws IllegalArgumentException naming the first camera name given twice, or when there is no camera
     */
    public static void requireUniqueNames(List<CameraSpec> cameras) {
        if (cameras.isEmpty()) {
            throw new IllegalArgumentException("No camera given: use --camera NAME=URI or --cameras-file FILE");
        }
        Set<String> seen = new HashSet<>();
        for (CameraSpec camera : cameras) {
            if (!seen.add(camera.name())) {
                throw new IllegalArgumentException(
                        "Camera '" + camera.name() + "' is given twice; names must be unique");
            }
        }
    }
}
