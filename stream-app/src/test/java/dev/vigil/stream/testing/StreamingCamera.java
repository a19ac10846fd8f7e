package dev.vigil.stream.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A camera that streams: one frame every interval, sequence 0, 1, 2, ... through {@link FrameProducer} (the sink
 * ingest uses), on a thread of its own until stopped.
 */
public final class StreamingCamera implements AutoCloseable {

    private final FrameProducer producer;
    private final String camera;
    private final Duration interval;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    public StreamingCamera(String bootstrap, String registryUrl, String topic, String camera, Duration interval) {
        this.producer = new FrameProducer(bootstrap, registryUrl, topic);
        this.camera = camera;
        this.interval = interval;
        this.thread = new Thread(this::stream, "camera-" + camera);
        this.thread.start();
    }

    private void stream() {
        Instant t0 = Instant.now();
        try {
            while (!stopped) {
                long sequence = sent.get();
                producer.send(camera, sequence, t0.plus(interval.multipliedBy(sequence)));
                sent.incrementAndGet();
                Thread.sleep(interval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Frames stored on the broker so far. */
    public long sent() {
        return sent.get();
    }

    /** Stops streaming; returns the frames sent. */
    public long stop() throws InterruptedException {
        stopped = true;
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the camera failed to send", failure);
        }
        return sent.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        producer.close();
    }
}
