package dev.vigil.stream.ingest;

import dev.vigil.model.io.SafeFileNames;
import dev.vigil.model.media.VideoReader;
import dev.vigil.stream.kafka.CameraIds;
import java.io.IOException;
import java.time.Duration;

/**
 * One camera as ingest reads it.
 *
 * @param name            camera id: the record key and the id in every event
 * @param uri             RTSP/HTTP URL or a file path (credentials allowed here; they never leave this object)
 * @param targetFps       frames per second to keep (0 = every frame)
 * @param replay          how stored footage is paced; ignored for live sources
 * @param loop            start a file again at its end (demos)
 * @param stallTimeout    a live camera that delivered no frame for this long is restarted
 * @param ioTimeout       FFmpeg connect/read timeout, so a dead stream never blocks forever
 */
public record CameraSpec(
        String name,
        String uri,
        double targetFps,
        ReplayMode replay,
        boolean loop,
        Duration stallTimeout,
        Duration ioTimeout) {

    public static final int DEFAULT_STALL_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_IO_TIMEOUT_SECONDS = 5;
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(DEFAULT_STALL_TIMEOUT_SECONDS);
    public static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(DEFAULT_IO_TIMEOUT_SECONDS);

    /** How stored footage is paced. */
    public enum ReplayMode {
        /** Honour the file's timestamps, as if the camera were live. */
        REALTIME,
        /** As fast as decoding allows. */
        FAST,
        /** In real time, stamped with the wall clock: the file stands in for a live camera (demos). */
        LIVE
    }

    public CameraSpec {
        if (!CameraIds.isValid(name)) {
            throw new IllegalArgumentException(
                    "Camera name " + CameraIds.quoted(name) + " must be " + SafeFileNames.rule());
        }
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("Camera '" + name + "' has no URI");
        }
    }

    /**
     * Parses {@code NAME=URI} as given to {@code --camera}.
     */
    public static CameraSpec parse(String nameEqualsUri, double targetFps, ReplayMode replay, boolean loop) {
        int eq = nameEqualsUri.indexOf('=');
        if (eq <= 0 || eq == nameEqualsUri.length() - 1) {
            throw new IllegalArgumentException("Camera '" + nameEqualsUri + "' must be given as NAME=URI");
        }
        return new CameraSpec(
                nameEqualsUri.substring(0, eq),
                nameEqualsUri.substring(eq + 1),
                targetFps,
                replay,
                loop,
                DEFAULT_STALL_TIMEOUT,
                DEFAULT_IO_TIMEOUT);
    }

    /** This camera with other stall and I/O timeouts. */
    public CameraSpec withTimeouts(Duration stall, Duration io) {
        return new CameraSpec(name, uri, targetFps, replay, loop, stall, io);
    }

    public boolean isLive() {
        return SourceUris.isLive(uri);
    }

    /**
     * Opens the camera's video: a live stream with the I/O timeout (RTSP over TCP), a file as it is; errors call it
     * {@code Camera 'NAME' (URI without credentials)}.
     */
    public VideoReader openVideo() throws IOException {
        return VideoReader.open(uri, "Camera '" + name + "' (" + redactedUri() + ")", isLive() ? ioTimeout : null);
    }

    /** The URI without credentials, for records and logs. */
    public String redactedUri() {
        return SourceUris.redact(uri);
    }
}
