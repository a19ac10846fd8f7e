package dev.vigil.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Confluent's framing of a Kafka record value or key: byte 0 is the magic byte {@code 0}, bytes
 * 1–4 the big-endian global schema id, the rest the Avro binary encoding of the datum.
 */
public final class WireFormat {

    /** The only magic byte Confluent has defined. */
    public static final byte MAGIC_BYTE = 0x0;
    /** Size of the schema id. */
    public static final int ID_SIZE = Integer.BYTES;
    /** Magic byte and schema id. */
    public static final int HEADER_SIZE = 1 + ID_SIZE;

    private WireFormat() {}

    /** Writes the header for {@code schemaId} to {@code out}. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    /**
     * Reads the header at the position of {@code payload}, leaving the position on the Avro body.
     *
     * @return the schema id
     * @throws MalformedPayloadException when the payload is too short or the magic byte is unknown
     */
    public static int readHeader(ByteBuffer payload) {
        if (payload.remaining() < HEADER_SIZE) {
            throw new MalformedPayloadException("payload of " + payload.remaining() + " bytes is shorter than the "
                    + HEADER_SIZE + "-byte header (magic byte and schema id)");
        }
        byte magic = payload.get();
        if (magic != MAGIC_BYTE) {
            throw new MalformedPayloadException(
                    String.format("unknown magic byte 0x%02x (expected 0x%02x)", magic, MAGIC_BYTE));
        }
        return payload.getInt();
    }

    /** A payload that is not Confluent-framed Avro. */
    public static final class MalformedPayloadException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedPayloadException(String message) {
            super(message);
        }
    }
}
