package dev.vigil.stream.ingest;

import dev.vigil.schemas.Frame;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Between one camera reader and Kafka: a bounded queue that a thread of its own hands to the sink, so a reader never
 * waits on {@code producer.send()} (which blocks up to {@code max.block.ms} while the broker is away). For a live
 * camera a full queue drops its oldest frame, whose {@code onDone} gets a {@link QueueFullException}: the camera goes
 * on being read and every frame lost is counted. For a file a full queue makes the reader wait: nothing is lost.
 */
public final class SendQueue implements FrameSink, AutoCloseable {

    public static final int DEFAULT_CAPACITY = 32;

    /** Given to a dropped frame's {@code onDone}. */
    public static final class QueueFullException extends Exception {
        QueueFullException(String message) {
            super(message, null, false, false);
        }
    }

    private record Pending(Frame frame, Consumer<Exception> onDone) {}

    private static final Pending END = new Pending(null, null);

    private final String camera;
    private final FrameSink sink;
    private final boolean dropOldest;
    private final BlockingQueue<Pending> queue;
    private final Thread sender;

    /**
     * Starts the sending thread.
     *
     * @param dropOldest drop the oldest frame when full (live cameras), else wait for room (files)
     */
    public SendQueue(String camera, FrameSink sink, int capacity, boolean dropOldest) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The send queue holds at least 1 frame, not " + capacity);
        }
        this.camera = camera;
        this.sink = sink;
        this.dropOldest = dropOldest;
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // + the end marker
        this.sender = new Thread(this::sendAll, "camera-" + camera + "-send");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues the frame; never blocks for a live camera. */
    @Override
    public void send(Frame frame, Consumer<Exception> onDone) {
        Pending pending = new Pending(frame, onDone);
        if (!dropOldest) {
            try {
                queue.put(pending);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                onDone.accept(e);
            }
            return;
        }
        while (queue.remainingCapacity() <= 1 || !queue.offer(pending)) {
            Pending oldest = queue.poll();
            if (oldest != null && oldest != END) {
                oldest.onDone.accept(new QueueFullException("send queue full (Kafka is not keeping up): camera '"
                        + camera + "' frame " + oldest.frame.getFrameSequence() + " dropped"));
            }
        }
    }

    /** Frames waiting to be handed to the sink. */
    public int size() {
        return queue.size();
    }

    private void sendAll() {
        try {
            for (Pending p = queue.take(); p != END; p = queue.take()) {
                sink.send(p.frame, p.onDone);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands every frame queued so far to the sink, then ends the sending thread. */
    @Override
    public void close() throws InterruptedException {
        while (!queue.offer(END, 100, TimeUnit.MILLISECONDS)) {
            if (!sender.isAlive()) {
                return;
            }
        }
        sender.join();
    }
}
