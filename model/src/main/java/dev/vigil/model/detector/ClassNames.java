package dev.vigil.model.detector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Class names of a detector, one per class index, background first (as torchvision's {@code categories} meta).
 * Stored as text, one name per line.
 */
public final class ClassNames {

    /** torchvision's COCO_V1 categories: 91 entries, "__background__" first, "N/A" for unused COCO ids. */
    public static final String COCO = "coco";

    private static final String COCO_RESOURCE = "coco91.txt";

    private ClassNames() {}

    /** torchvision's 91 COCO category names. */
    public static List<String> coco() {
        try (InputStream in = ClassNames.class.getResourceAsStream(COCO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + COCO_RESOURCE + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), COCO_RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + COCO_RESOURCE, e);
        }
    }

    /** {@value #COCO} for {@link #coco()}, else a file with one name per line. */
    public static List<String> resolve(String cocoOrFile) throws IOException {
        return COCO.equals(cocoOrFile) ? coco() : read(Path.of(cocoOrFile));
    }

    public static List<String> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static void write(Path file, List<String> names) throws IOException {
        Files.writeString(file, String.join("\n", names) + "\n", StandardCharsets.UTF_8);
    }

    static List<String> parse(String text, String source) {
        List<String> names = text.lines().map(String::strip).toList();
        int end = names.size();
        while (end > 0 && names.get(end - 1).isEmpty()) {
            end--;
        }
        names = names.subList(0, end);
        if (names.size() < 2) {
            throw new IllegalArgumentException(
                    source + ": need background and at least one class, one per line; got " + names.size() + " lines");
        }
        int blank = names.indexOf("");
        if (blank >= 0) {
            throw new IllegalArgumentException(source + ": line " + (blank + 1) + " is empty");
        }
        return List.copyOf(names);
    }
}
