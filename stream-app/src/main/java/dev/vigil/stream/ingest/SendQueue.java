package dev.vigil.stream.ingest;

import dev.vigil.schemas.Frame;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Between one camera reader and Kafka: a bounded queue that a thread of its own hands to the sink, so a reader never
 * waits on {@code producer.send()} (which blocks up to {@code max.block.ms} while the broker is away). For a live
 * camera a full queue drops its oldest frame, whose {@code onDone} gets a {@link QueueFullException}: the camera goes
 * on being read and every frame lost is counted. For a file a full queue makes the reader wait: nothing is lost.
 * Closing hands what is queued to the sink, for {@link #DRAIN_PATIENCE} at most: frames still queued after that (Kafka
 * away at shutdown) fail with a {@link NotSentException} and are counted, instead of holding shutdown for minutes.
 */
public final class SendQueue implements FrameSink, AutoCloseable {

    public static final int DEFAULT_CAPACITY = 32;
    public static final Duration DRAIN_PATIENCE = Duration.ofSeconds(10);

    /** Given to a dropped frame's {@code onDone}. */
    public static final class QueueFullException extends Exception {
        QueueFullException(String message) {
            super(message, null, false, false);
        }
    }

    /** Given to the {@code onDone} of a frame still queued when the queue closed and could wait no longer. */
    public static final class NotSentException extends Exception {
        NotSentException(String message) {
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
    private volatile boolean abandoned;

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
                if (abandoned) {
                    notSent(p);
                } else {
                    sink.send(p.frame, p.onDone);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Hands every frame queued so far to the sink and ends the sending thread, within {@link #DRAIN_PATIENCE}; the
     * frames left then fail with a {@link NotSentException}.
     */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_PATIENCE.toNanos();
        boolean ended = false;
        while (!ended && sender.isAlive() && System.nanoTime() < deadline) {
            ended = queue.offer(END, 100, TimeUnit.MILLISECONDS);
        }
        sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (sender.isAlive()) {
            abandoned = true;
            sender.interrupt(); // a send blocked on Kafka fails, counted by its own onDone
            sender.join(DRAIN_PATIENCE.toMillis());
        }
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            if (p != END) {
                notSent(p);
            }
        }
        queue.offer(END); // ends a sender that is still waiting
    }

    private static void notSent(Pending p) {
        p.onDone.accept(new NotSentException("not sent: ingest stopped while Kafka did not take frames"));
    }
}
