package dev.vigil.stream.kafka;

import dev.vigil.model.io.SafeFileNames;
import java.util.Optional;

/**
 * Camera ids: the key of every record and a field of every frame and event. A valid id is a plain file name ({@link
 * SafeFileNames#isPlain}), so that it can name a folder or a file wherever Vigil writes one; ingest gives only valid
 * ids, and detect refuses frames with any other.
 */
public final class CameraIds {

    private static final int MAX_SHOWN = 200;

    private CameraIds() {}

    public static boolean isValid(String cameraId) {
        return SafeFileNames.isPlain(cameraId);
    }

    /** Why {@code cameraId} is not a valid camera id, or empty when it is. */
    public static Optional<String> problem(String cameraId) {
        if (isValid(cameraId)) {
            return Optional.empty();
        }
        return Optional.of(
                "camera id " + quoted(cameraId) + " is not a valid camera name (" + SafeFileNames.rule() + ")");
    }

    /**
     * The id in quotes for a message or a log line: at most 200 characters of it (an id from the wire may be huge),
     * control characters (line breaks that would forge a log line) shown as '?'.
     */
    public static String quoted(String cameraId) {
        if (cameraId == null) {
            return "(none)";
        }
        String shown = cameraId.length() > MAX_SHOWN ? cameraId.substring(0, MAX_SHOWN) + "..." : cameraId;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** How messages name a frame: {@code camera#sequence}, the camera id quoted when it is not a valid one. */
    public static String frameName(String cameraId, long frameSequence) {
        return (isValid(cameraId) ? cameraId : quoted(cameraId)) + "#" + frameSequence;
    }
}
