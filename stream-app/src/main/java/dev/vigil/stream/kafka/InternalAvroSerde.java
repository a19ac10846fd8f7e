package dev.vigil.stream.kafka;

import dev.vigil.schemas.serde.AvroTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary for an application's own state (a state store's changelog): a fixed schema compiled into the
 * application, no registry involved, never on a public topic. {@code null} is a tombstone both ways.
 */
public class InternalAvroSerde<T extends SpecificRecord> implements Serde<T> {

    static {
        // Avro 1.12 builds only trusted classes (the records and their nested records and enums): no system property
        AvroTrust.trustPackage(AvroTrust.VIGIL_PACKAGES);
    }

    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;
    private final String what;

    /** @param what names the records in error messages, e.g. "buffered frame" */
    public InternalAvroSerde(Class<T> type, String what) {
        this.writer = new SpecificDatumWriter<>(type);
        this.reader = new SpecificDatumReader<>(type);
        this.what = what;
    }

    /** A first guess of the encoded size, so that large records are not copied while the buffer grows. */
    protected int sizeHint(T record) {
        return 256;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint(record));
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                writer.write(record, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new SerializationException("Cannot write " + what + " for topic " + topic, e);
            }
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            try {
                return reader.read(null, decoder);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "Cannot read " + what + " from topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
