package dev.vigil.model.detector;

import java.util.regex.Pattern;

/**
 * Model names and versions. A version is set by the user, or by default made of the day the artifact was written
 * (UTC) and the first {@value #DIGEST_DIGITS} hex digits of its weights' SHA-256, e.g. {@code 2026-12-07-3fa9c2d1}: two
 * models written the same day never share a version, and the same weights written again the same day keep theirs.
 * Names and versions are plain tokens (letters, digits, '.', '_', '-'), since they end up in record keys, topic names
 * and file names.
 */
public final class ModelVersion {

    public static final int DIGEST_DIGITS = 8;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private ModelVersion() {}

    /**
     * The default version.
     *
     * @param created when the artifact was written (ISO-8601, as {@link ModelInfo#created()})
     * @param weightsSha256 the weights' SHA-256 in hex
     */
    public static String of(String created, String weightsSha256) {
        return created.substring(0, 10) + "-" + weightsSha256.substring(0, DIGEST_DIGITS);
    }

    /** @throws IllegalArgumentException naming the rule when {@code version} is not a plain token */
    public static String checkVersion(String version) {
        return check("model version", version);
    }

    /** @throws IllegalArgumentException naming the rule when {@code name} is not a plain token */
    public static String checkName(String name) {
        return check("model name", name);
    }

    private static String check(String what, String value) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be 1 to 100 letters, digits, '.', '_' or "
                    + "'-', starting with a letter or digit");
        }
        return value;
    }
}
