package dev.vigil.stream.detect;

import dev.vigil.stream.detect.internal.BufferedFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Dead-letter records: the bad frame exactly as it arrived, with why and where from in headers, so nothing is
 * silently dropped and the record can be inspected or replayed.
 */
public final class DeadLetters {

    public static final String ERROR_CLASS = "vigil.error.class";
    public static final String ERROR_MESSAGE = "vigil.error.message";
    public static final String SOURCE_TOPIC = "vigil.source.topic";
    public static final String SOURCE_PARTITION = "vigil.source.partition";
    public static final String SOURCE_OFFSET = "vigil.source.offset";

    private DeadLetters() {}

    static Record<String, Object> of(BufferedFrame frame, Exception error) {
        Headers headers = new RecordHeaders();
        frame.getHeaders().forEach(h -> headers.add(h.getKey(), h.getValue() == null ? null : bytes(h.getValue())));
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        headers.add(ERROR_MESSAGE, utf8(String.valueOf(error.getMessage())));
        headers.add(SOURCE_TOPIC, utf8(frame.getSourceTopic()));
        headers.add(SOURCE_PARTITION, utf8(String.valueOf(frame.getSourcePartition())));
        headers.add(SOURCE_OFFSET, utf8(String.valueOf(frame.getSourceOffset())));
        return new Record<>(frame.getKey(), bytes(frame.getValue()), frame.getTimestamp(), headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
