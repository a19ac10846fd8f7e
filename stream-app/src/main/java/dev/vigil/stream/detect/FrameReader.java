package dev.vigil.stream.detect;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.detect.internal.BufferedFrame;
import dev.vigil.stream.detect.internal.Header;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The first step of the detect topology: deserializes each frame record once, keeping the record as it arrived and
 * where from, and checks it ({@link FrameCheck}); a record that is not a readable, acceptable Frame goes to the
 * dead-letter child as it arrived, the others on to the next child as a {@link PendingFrame}. A schema registry that
 * cannot be used is not the record's fault: that failure is thrown (see {@link RegistryOutage}), never
 * dead-lettered.
 */
final class FrameReader implements Processor<String, byte[], String, Object> {

    private final Deserializer<Frame> frameDeserializer;
    private final FrameCheck check;
    private final DetectStats stats;
    private final String nextChild;
    private final String deadLetterChild;
    private ProcessorContext<String, Object> context;

    FrameReader(
            Deserializer<Frame> frameDeserializer,
            FrameCheck check,
            DetectStats stats,
            String nextChild,
            String deadLetterChild) {
        this.frameDeserializer = frameDeserializer;
        this.check = check;
        this.stats = stats;
        this.nextChild = nextChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        BufferedFrame arrived = BufferedFrame.newBuilder()
                .setValue(ByteBuffer.wrap(value))
                .setKey(record.key())
                .setTimestamp(record.timestamp())
                .setHeaders(headersOf(record.headers()))
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setArrivalMillis(context.currentSystemTimeMs())
                .build();
        Frame frame;
        try {
            if (record.value() == null) {
                throw new FrameCheck.InvalidFrameException("The record has no value (null): not a frame");
            }
            frame = frameDeserializer.deserialize(source.topic(), value);
            check.check(record.key(), frame);
        } catch (RuntimeException e) {
            if (RegistryOutage.isCause(e)) {
                throw e;
            }
            DeadLetters.send(context, deadLetterChild, arrived, e, stats);
            return;
        }
        context.forward(record.withValue((Object) new PendingFrame(arrived, frame)), nextChild);
    }

    private static List<Header> headersOf(Headers headers) {
        List<Header> out = new ArrayList<>();
        for (org.apache.kafka.common.header.Header h : headers) {
            out.add(new Header(h.key(), h.value() == null ? null : ByteBuffer.wrap(h.value())));
        }
        return out;
    }
}
