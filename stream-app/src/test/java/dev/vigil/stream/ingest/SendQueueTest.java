package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The queue between a camera reader and Kafka, over a sink that blocks as {@code producer.send()} does while the broker
 * is away (a latch stands in for the broker here; IngestOutageIT stops a real one).
 */
class SendQueueTest {

    static final int CAPACITY = 4;

    private final CountDownLatch brokerBack = new CountDownLatch(1);
    private final List<Long> stored = new CopyOnWriteArrayList<>();
    private final List<Long> dropped = new CopyOnWriteArrayList<>();

    private final FrameSink blockedUntilTheBrokerIsBack = (frame, onDone) -> {
        try {
            brokerBack.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stored.add(frame.getFrameSequence());
        onDone.accept(null);
    };

    @Test
    void aLiveCameraNeverWaitsAndLosesItsOldestFramesCounted() throws Exception {
        SendQueue queue = new SendQueue("live", blockedUntilTheBrokerIsBack, CAPACITY, true);
        long start = System.nanoTime();
        for (long seq = 0; seq < 100; seq++) {
            queue.send(frame(seq), error -> {
                if (error instanceof SendQueue.QueueFullException) {
                    dropped.add(Long.parseLong(error.getMessage().replaceAll(".* frame (\\d+) dropped", "$1")));
                }
            });
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("100 frames queued without waiting for the sink")
                .isLessThan(5_000);
        brokerBack.countDown();
        queue.close();
        assertThat(stored.size() + dropped.size())
                .as("every frame stored or counted as dropped")
                .isEqualTo(100);
        assertThat(stored)
                .as("the frame in the sink's hands, then the newest")
                .hasSizeBetween(CAPACITY, CAPACITY + 1)
                .endsWith(96L, 97L, 98L, 99L)
                .isSorted();
        assertThat(dropped).as("dropped oldest first").isSorted().doesNotContainAnyElementsOf(stored);
    }

    @Test
    void aFileWaitsForRoomAndLosesNothing() throws Exception {
        SendQueue queue = new SendQueue("file", blockedUntilTheBrokerIsBack, CAPACITY, false);
        Thread reader = new Thread(() -> {
            for (long seq = 0; seq < 20; seq++) {
                queue.send(frame(seq), error -> {
                    if (error != null) {
                        dropped.add(-1L);
                    }
                });
            }
        });
        reader.start();
        reader.join(1_000);
        assertThat(reader.isAlive()).as("the file's reader waits for room").isTrue();
        brokerBack.countDown();
        reader.join(10_000);
        queue.close();
        assertThat(dropped).isEmpty();
        assertThat(stored).hasSize(20).isSorted();
    }

    private static Frame frame(long sequence) {
        return Frame.newBuilder()
                .setCameraId("cam")
                .setFrameSequence(sequence)
                .setCaptureTime(Instant.EPOCH)
                .setSourcePtsMicros(0)
                .setWidth(1)
                .setHeight(1)
                .setEncoding(ImageEncoding.JPEG)
                .setImage(ByteBuffer.allocate(0))
                .setSourceUri("file:/x")
                .setIngestHost("h")
                .build();
    }
}
