package dev.vigil.stream.detect;

import dev.vigil.stream.detect.internal.BufferedFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Plain Avro binary for the batch buffer's changelog: internal, fixed schema, no registry involved. */
final class BufferedFrameSerde implements Serde<BufferedFrame> {

    private final SpecificDatumWriter<BufferedFrame> writer = new SpecificDatumWriter<>(BufferedFrame.class);
    private final SpecificDatumReader<BufferedFrame> reader = new SpecificDatumReader<>(BufferedFrame.class);

    @Override
    public Serializer<BufferedFrame> serializer() {
        return (topic, frame) -> {
            if (frame == null) {
                return null;
            }
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream(frame.getValue().remaining() + 256);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                writer.write(frame, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new SerializationException("Cannot write buffered frame for topic " + topic, e);
            }
            return out.toByteArray();
        };
    }

    @Override
    public Deserializer<BufferedFrame> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
            try {
                return reader.read(null, decoder);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "Cannot read buffered frame from topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
