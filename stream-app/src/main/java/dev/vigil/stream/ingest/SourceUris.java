package dev.vigil.stream.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Camera URIs as Vigil records and logs them: never with credentials. */
public final class SourceUris {

    private SourceUris() {}

    /**
     * The URI with any user name and password removed ({@code rtsp://admin:pw@cam/x} → {@code rtsp://cam/x}).
     * A plain file path is returned as an absolute {@code file:} URI.
     */
    public static String redact(String uri) {
        if (!uri.contains("://")) {
            return Path.of(uri).toAbsolutePath().normalize().toUri().toString();
        }
        try {
            URI u = new URI(uri);
            if (u.getRawUserInfo() == null) {
                return uri;
            }
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), u.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            // Not a parseable URI: drop everything between "://" and the last '@' before the host.
            int start = uri.indexOf("://") + 3;
            int at = uri.indexOf('@', start);
            int slash = uri.indexOf('/', start);
            return at > 0 && (slash < 0 || at < slash) ? uri.substring(0, start) + uri.substring(at + 1) : uri;
        }
    }

    /** True for network sources (RTSP, HTTP, ...) that deliver live video; false for files. */
    public static boolean isLive(String uri) {
        String lower = uri.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("rtsp://")
                || lower.startsWith("rtsps://")
                || lower.startsWith("rtmp://")
                || lower.startsWith("http://")
                || lower.startsWith("https://")
                || lower.startsWith("udp://")
                || lower.startsWith("srt://");
    }
}
