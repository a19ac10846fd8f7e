package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Frame;
import dev.vigil.stream.detect.internal.BufferedFrame;
import dev.vigil.stream.testing.TestFrames;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batch buffer over a real in-memory key-value store (Kafka's MockProcessorContext gives it its context). */
class FrameBufferTest {

    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    KeyValueStore<Long, BufferedFrame> store;
    List<BufferedFrame> readAgain = new ArrayList<>();
    Function<BufferedFrame, Frame> reader = stored -> {
        readAgain.add(stored);
        return TestFrames.frame(stored.getKey(), stored.getSourceOffset(), T0);
    };

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore("buffer"), Serdes.Long(), new BufferedFrameSerde())
                .withLoggingDisabled()
                .build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    static PendingFrame pending(String camera, long offset, long arrivalMillis) {
        Frame frame = TestFrames.frame(camera, offset, T0);
        BufferedFrame arrived = BufferedFrame.newBuilder()
                .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setKey(camera)
                .setTimestamp(T0.toEpochMilli())
                .setHeaders(List.of())
                .setSourceTopic("frames")
                .setSourcePartition(0)
                .setSourceOffset(offset)
                .setArrivalMillis(arrivalMillis)
                .build();
        return new PendingFrame(arrived, frame);
    }

    @Test
    void takesTheOldestFirstAndKeepsTheRest() {
        FrameBuffer buffer = new FrameBuffer(store, reader);
        assertThat(buffer.oldestArrivalMillis()).isEqualTo(Long.MAX_VALUE);
        for (int i = 0; i < 5; i++) {
            buffer.add(pending("cam", i, 1_000 + i));
        }
        assertThat(buffer.size()).isEqualTo(5);
        assertThat(buffer.oldestArrivalMillis()).isEqualTo(1_000);

        List<PendingFrame> first = buffer.takeOldest(3);
        assertThat(first).extracting(p -> p.arrived().getSourceOffset()).containsExactly(0L, 1L, 2L);
        assertThat(first).extracting(p -> p.frame().getFrameSequence()).containsExactly(0L, 1L, 2L);
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.oldestArrivalMillis()).isEqualTo(1_003);
        assertThat(store.approximateNumEntries()).isEqualTo(2);
        assertThat(buffer.takeOldest(10)).hasSize(2);
        assertThat(buffer.size()).isZero();
        assertThat(readAgain)
                .as("frames added here are never deserialized again")
                .isEmpty();
    }

    @Test
    void aBufferOverARestoredStorePicksUpItsFramesInOrderAndReadsThemOnce() {
        FrameBuffer before = new FrameBuffer(store, reader);
        for (int i = 0; i < 4; i++) {
            before.add(pending("cam", i, 2_000 + i));
        }
        before.takeOldest(1);

        FrameBuffer after = new FrameBuffer(store, reader);
        assertThat(after.size()).isEqualTo(3);
        assertThat(after.oldestArrivalMillis()).isEqualTo(2_001);
        after.add(pending("cam", 4, 2_004));
        List<PendingFrame> all = after.takeOldest(10);
        assertThat(all).extracting(p -> p.arrived().getSourceOffset()).containsExactly(1L, 2L, 3L, 4L);
        assertThat(readAgain)
                .as("only the restored frames are read from the store")
                .extracting(BufferedFrame::getSourceOffset)
                .containsExactly(1L, 2L, 3L);
        assertThat(all.get(3).frame().getFrameSequence()).isEqualTo(4);
    }

    @Test
    void indexesGoOnAfterARestoreSoArrivalOrderHolds() {
        FrameBuffer before = new FrameBuffer(store, reader);
        for (int i = 0; i < 3; i++) {
            before.add(pending("cam", i, 3_000 + i));
        }
        before.takeOldest(2);
        FrameBuffer after = new FrameBuffer(store, reader);
        after.add(pending("cam", 9, 3_009));
        assertThat(after.takeOldest(10))
                .extracting(p -> p.arrived().getSourceOffset())
                .containsExactly(2L, 9L);
    }
}
