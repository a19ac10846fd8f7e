package dev.vigil.stream.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The {@code ingest_run_id} of a camera's frames: with the camera id and the frame sequence it identifies a frame for
 * ever. A live camera gets a random id each time ingest starts, so frames of two runs never share an identity (their
 * sequences both start at 0). Stored footage gets an id made from the file (its path, size, modification time and
 * creation-time tag): ingesting the same file again gives each frame the identity, and each event the id, it had
 * the first time, so the frames re-sent after a restart are recognisable duplicates.
 */
final class IngestRunIds {

    private static final int FILE_ID_HEX_DIGITS = 32;

    private IngestRunIds() {}

    static String random() {
        return UUID.randomUUID().toString();
    }

    static String ofFile(Path file, String creationTimeTag) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        String identity = absolute + "\u0000" + Files.size(absolute) + "\u0000"
                + Files.getLastModifiedTime(absolute).toMillis() + "\u0000"
                + (creationTimeTag == null ? "" : creationTimeTag);
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "file-" + HexFormat.of().formatHex(sha).substring(0, FILE_ID_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
