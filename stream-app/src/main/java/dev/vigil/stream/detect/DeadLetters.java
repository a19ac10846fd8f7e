package dev.vigil.stream.detect;

import dev.vigil.stream.detect.internal.BufferedFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {}

    /** Forwards the frame as it arrived to {@code child} (the dead-letter sink), logged and counted. */
    static void send(
            ProcessorContext<String, Object> context,
            String child,
            BufferedFrame frame,
            Exception error,
            DetectStats stats) {
        log.warn(
                "Frame from {}-{}@{} sent to the dead-letter topic: {}",
                frame.getSourceTopic(),
                frame.getSourcePartition(),
                frame.getSourceOffset(),
                error.getMessage());
        stats.framesDeadLettered.increment(frame.getKey() == null ? "" : frame.getKey());
        context.forward(of(frame, error), child);
    }

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
