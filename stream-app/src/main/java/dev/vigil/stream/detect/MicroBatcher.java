package dev.vigil.stream.detect;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.detect.internal.BufferedFrame;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The micro-batcher: frames wait in a logged state store until {@code B} are there or the oldest has waited
 * {@code T} ms (wall-clock punctuator), then go to the next child as one {@link FrameBatch}. All wall-clock readings
 * come from the stream's clock ({@code currentSystemTimeMs}), so tests can drive time. Under exactly-once the
 * buffer, whatever the children forward and the consumed offsets commit together, so a crash neither loses nor
 * repeats a frame.
 */
final class MicroBatcher implements Processor<String, PendingFrame, String, FrameBatch> {

    private final BatchingSettings settings;
    private final String storeName;
    private final String nextChild;
    private final Function<BufferedFrame, Frame> readRestored;
    private ProcessorContext<String, FrameBatch> context;
    private FrameBuffer buffer;

    /**
     * @param readRestored deserializes a frame found in the store after a restart (frames added by this instance
     *                     are kept deserialized)
     */
    MicroBatcher(
            BatchingSettings settings,
            String storeName,
            String nextChild,
            Function<BufferedFrame, Frame> readRestored) {
        this.settings = settings;
        this.storeName = storeName;
        this.nextChild = nextChild;
        this.readRestored = readRestored;
    }

    @Override
    public void init(ProcessorContext<String, FrameBatch> context) {
        this.context = context;
        KeyValueStore<Long, BufferedFrame> store = context.getStateStore(storeName);
        this.buffer = new FrameBuffer(store, readRestored);
        context.schedule(settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::flushIfOldestWaited);
    }

    @Override
    public void process(Record<String, PendingFrame> record) {
        buffer.add(record.value());
        if (buffer.size() >= settings.maxBatchSize()) {
            flush(context.currentSystemTimeMs());
        }
    }

    private void flushIfOldestWaited(long nowMillis) {
        while (buffer.size() > 0
                && buffer.oldestArrivalMillis() + settings.maxWait().toMillis() <= nowMillis) {
            flush(nowMillis);
        }
    }

    private void flush(long nowMillis) {
        List<PendingFrame> batch = buffer.takeOldest(settings.maxBatchSize());
        // A punctuator has no record context: the batch carries the oldest frame's timestamp; each event later
        // carries its own frame's.
        long timestamp = batch.get(0).arrived().getTimestamp();
        context.forward(new Record<>(null, new FrameBatch(batch, nowMillis), timestamp), nextChild);
    }
}
