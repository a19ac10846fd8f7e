package dev.vigil.stream.kafka;

import dev.vigil.model.io.SafeFileNames;
import java.util.Optional;

/**
 * Camera ids: the key of every record and a field of every frame and event. A valid id is a plain file name ({@link
 * SafeFileNames#isPlain}), so that it can name a folder or a file wherever Vigil writes one; ingest gives only valid
 * ids, and detect refuses frames with any other.
 */
public final class CameraIds {

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

    /** The id in quotes, at most 200 characters of it (an id from the wire may be huge). */
    public static String quoted(String cameraId) {
        if (cameraId == null) {
            return "(none)";
        }
        return "'" + (cameraId.length() > 200 ? cameraId.substring(0, 200) + "..." : cameraId) + "'";
    }
}
