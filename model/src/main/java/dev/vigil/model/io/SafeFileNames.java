package dev.vigil.model.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names from untrusted data (a camera id read from a topic, a file name in a dataset) turned into file names that
 * stay where they are put. A plain name (letters, digits, '.', '_', '-'; not starting with '.', no "..", at most 128
 * characters) is used as it is; any other is mapped to its plain characters, '_' for the rest, and '~' with a digest
 * of the whole name, so two different names never share a file and a mapped name never equals a plain one.
 */
public final class SafeFileNames {

    /** Longest plain name. */
    public static final int MAX_LENGTH = 128;

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");
    private static final Pattern NOT_PLAIN = Pattern.compile("[^A-Za-z0-9_-]");
    private static final int KEPT_CHARACTERS = 64;
    private static final int DIGEST_HEX_DIGITS = 16;

    private SafeFileNames() {}

    /** Whether {@code name} is a plain name: one path component that cannot leave its folder or hide. */
    public static boolean isPlain(String name) {
        return name != null && PLAIN.matcher(name).matches() && !name.contains("..");
    }

    /** What a plain name is, for messages. */
    public static String rule() {
        return "1-" + MAX_LENGTH + " letters, digits, '.', '_' or '-', not starting with '.' and without '..'";
    }

    /** {@code untrusted} itself when it is a plain name, else a plain name made from it (see the class comment). */
    public static String of(String untrusted) {
        if (isPlain(untrusted)) {
            return untrusted;
        }
        String kept = NOT_PLAIN.matcher(untrusted).replaceAll("_");
        if (kept.length() > KEPT_CHARACTERS) {
            kept = kept.substring(0, KEPT_CHARACTERS);
        }
        return kept + "~" + digest(untrusted);
    }

    /**
     * {@code relative} resolved against {@code folder}, refused when it would lead out of the folder (an absolute
     * path, "..").
     *
     * @throws IllegalArgumentException naming both
     */
    public static Path resolveInside(Path folder, String relative) {
        Path base = folder.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new IllegalArgumentException("'" + relative + "' leads out of the folder " + base);
        }
        return resolved;
    }

    private static String digest(String name) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha).substring(0, DIGEST_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
