package dev.vigil.stream.logging;

import java.util.regex.Pattern;

/**
 * Takes credentials out of free text (log lines, error messages, reports): the user name and password of every URI in
 * it, {@code rtsp://admin:pw@cam/x} → {@code rtsp://***@cam/x}. A password with an unencoded {@code @} goes too (all
 * up to the last {@code @} before the host).
 */
public final class Credentials {

    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.\\-]*://)[^\\s/\"'<>]*@");

    private Credentials() {}

    /** The text with the user info of each URI replaced by {@code ***}; null stays null. */
    public static String redact(String text) {
        if (text == null || !text.contains("@")) {
            return text;
        }
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }
}
