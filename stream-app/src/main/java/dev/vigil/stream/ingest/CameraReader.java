package dev.vigil.stream.ingest;

import dev.vigil.model.media.VideoReader;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.stream.logging.Credentials;
import dev.vigil.stream.retry.Backoff;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one camera until stopped: decode, sample to the target rate, encode as JPEG, hand to the sink through a
 * {@link SendQueue} (so a live camera keeps being read while Kafka is slow or away, its oldest frames dropped and
 * counted). A failing or stalled live camera is opened again with exponential back-off and jitter: stalled means no
 * frame for the stall timeout, or the stream fallen behind real time by as much ({@link StreamLag}: a server that
 * lets a frame trickle through now and then is stalled too). A file ends the reader at its end (or starts again, with
 * {@code loop}). Runs on its own thread, so one camera's trouble never stops the others. A camera that cannot be read
 * (a missing file, a live stream past the back-off's retry limit) ends the reader with a {@link #failure()}.
 */
public final class CameraReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CameraReader.class);
    private static final long QUEUE_FULL_LOG_EVERY = 250;

    private final CameraSpec camera;
    private final JpegEncoder encoder;
    private final FrameSink sink;
    private final String ingestHost;
    private final CameraStats stats = new CameraStats();
    private final Backoff backoff;
    private final long maxFrames;
    private final int sendQueueCapacity;
    private final StreamLag lag = new StreamLag();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile String failure;
    private long nextSequence;
    /** Frames handed to the sink, across reconnects: what {@code maxFrames} limits. */
    private long handed;

    private CaptureTimeline timeline;
    /** This run's {@code ingest_run_id}, set when the camera is first opened. */
    private String runId;

    /** A reader with a send queue of {@link SendQueue#DEFAULT_CAPACITY} frames. */
    public CameraReader(
            CameraSpec camera,
            JpegEncoder encoder,
            FrameSink sink,
            String ingestHost,
            Backoff backoff,
            long maxFrames) {
        this(camera, encoder, sink, ingestHost, backoff, maxFrames, SendQueue.DEFAULT_CAPACITY);
    }

    /**
     * @param maxFrames stop after this many frames were handed to the sink (0 = no limit)
     * @param sendQueueCapacity frames waiting for the sink at most; a live camera then drops its oldest
     */
    public CameraReader(
            CameraSpec camera,
            JpegEncoder encoder,
            FrameSink sink,
            String ingestHost,
            Backoff backoff,
            long maxFrames,
            int sendQueueCapacity) {
        this.sendQueueCapacity = sendQueueCapacity;
        this.camera = camera;
        this.encoder = encoder;
        this.sink = sink;
        this.ingestHost = ingestHost;
        this.backoff = backoff;
        this.maxFrames = maxFrames;
    }

    public CameraSpec camera() {
        return camera;
    }

    public CameraStats stats() {
        return stats;
    }

    /** Asks the reader to stop after the frame in hand; wakes it from a back-off or pacing wait. */
    public void stop() {
        stopRequested = true;
        stopSignal.countDown();
    }

    /** Why the reader gave up on its camera, once it has; empty while it runs, or when it ended normally. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void run() {
        SendQueue queue = new SendQueue(camera.name(), sink, sendQueueCapacity, camera.isLive());
        try {
            readAll(queue);
        } finally {
            try {
                queue.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info(
                "Camera '{}' stopped: {} decoded, {} sent, {} dropped, {} dropped while Kafka did not keep up, "
                        + "{} reconnects",
                camera.name(),
                stats.framesDecoded(),
                stats.framesSent(),
                stats.framesDropped(),
                stats.framesQueueFull(),
                stats.reconnects());
    }

    private void readAll(FrameSink queue) {
        FrameSampler sampler = new FrameSampler(camera.targetFps());
        boolean reopeningAfterFailure = false;
        while (!stopRequested) {
            try (VideoReader source = camera.openVideo()) {
                if (reopeningAfterFailure) {
                    stats.reconnects.incrementAndGet();
                }
                reopeningAfterFailure = false;
                stats.streaming.set(true);
                sampler.reset();
                log.info(
                        "Camera '{}' opened {} ({} fps declared)",
                        camera.name(),
                        camera.redactedUri(),
                        source.declaredFps());
                readUntilEnd(source, sampler, queue);
                if (!camera.isLive() && !camera.loop() || reachedLimit()) {
                    break;
                }
            } catch (IOException | RuntimeException e) {
                stats.streaming.set(false);
                String reason = Credentials.redact(e.getMessage());
                if (!camera.isLive() && !camera.loop()) {
                    giveUp(reason);
                    break;
                }
                if (backoff.exhausted()) {
                    giveUp(reason + " (no more retries)");
                    break;
                }
                reopeningAfterFailure = true;
                Duration delay = backoff.nextDelay();
                log.warn("Camera '{}' failed ({}); reconnecting in {} ms", camera.name(), reason, delay.toMillis());
                sleep(delay);
            } finally {
                stats.streaming.set(false);
            }
        }
    }

    private void giveUp(String reason) {
        failure = reason;
        log.error("Camera '{}' failed: {}", camera.name(), reason);
    }

    private void readUntilEnd(VideoReader source, FrameSampler sampler, FrameSink queue) throws IOException {
        if (timeline == null) {
            boolean live = camera.isLive() || camera.replay() == CameraSpec.ReplayMode.LIVE;
            timeline = live ? CaptureTimeline.live() : fileTimeline(source);
            runId = live ? IngestRunIds.random() : IngestRunIds.ofFile(filePath(), source.creationTimeTag());
        }
        double fps = source.declaredFps() > 0 ? source.declaredFps() : 25;
        long frameIntervalMicros = Math.round(1_000_000 / fps);
        long wallStartNanos = System.nanoTime();
        long firstTimelineMicros = -1;
        long lastFrameNanos = System.nanoTime();
        lag.reset();
        while (!stopRequested && !reachedLimit()) {
            VideoReader.DecodedFrame decoded = source.next();
            if (decoded == null) {
                if (camera.isLive()) {
                    Duration silence = Duration.ofNanos(System.nanoTime() - lastFrameNanos);
                    throw new IOException(
                            silence.compareTo(camera.ioTimeout()) >= 0
                                    ? "timeout: no frame for " + silence.toMillis() + " ms (the I/O timeout is "
                                            + camera.ioTimeout().toMillis() + " ms)"
                                    : "stream ended");
                }
                if (camera.loop()) {
                    timeline.startNextLoop(frameIntervalMicros);
                }
                return;
            }
            long nowNanos = System.nanoTime();
            if (camera.isLive()
                    && nowNanos - lastFrameNanos > camera.stallTimeout().toNanos()) {
                throw new IOException("no frame for "
                        + Duration.ofNanos(nowNanos - lastFrameNanos).toSeconds() + " s");
            }
            lastFrameNanos = nowNanos;
            Duration behind = camera.isLive() ? lag.observe(nowNanos, decoded.ptsMicros()) : Duration.ZERO;
            if (behind.compareTo(camera.stallTimeout()) > 0) {
                throw new IOException("stalled: the stream is " + behind.toMillis()
                        + " ms behind real time (frames only trickle in)");
            }
            stats.framesDecoded.incrementAndGet();
            stats.lastFrameWallMillis.set(System.currentTimeMillis());
            backoff.reset();
            long sequence = nextSequence++;
            long timelineMicros = timeline.timelineMicros(decoded.ptsMicros());
            if (!sampler.keep(timelineMicros)) {
                stats.framesSampledOut.incrementAndGet();
                continue;
            }
            if (!camera.isLive() && camera.replay() != CameraSpec.ReplayMode.FAST) {
                if (firstTimelineMicros < 0) {
                    firstTimelineMicros = timelineMicros;
                }
                pace(wallStartNanos, timelineMicros - firstTimelineMicros);
            }
            // a live frame was taken when it would have arrived had the stream kept up
            long arrivalMillis = System.currentTimeMillis() - behind.toMillis();
            if (send(queue, decoded, sequence, timeline.captureMillis(timelineMicros, arrivalMillis))) {
                handed++;
            }
        }
    }

    private boolean send(FrameSink queue, VideoReader.DecodedFrame decoded, long sequence, long captureMillis) {
        JpegEncoder.Encoded jpeg;
        try {
            jpeg = encoder.encode(decoded.bgr());
        } catch (RuntimeException e) {
            stats.framesDropped.incrementAndGet();
            stats.lastLoss.set("could not be encoded: " + e.getMessage());
            log.warn("Camera '{}' frame {} dropped: {}", camera.name(), sequence, e.getMessage());
            return false;
        }
        Frame frame = Frame.newBuilder()
                .setCameraId(camera.name())
                .setFrameSequence(sequence)
                .setCaptureTime(java.time.Instant.ofEpochMilli(captureMillis))
                .setSourcePtsMicros(decoded.ptsMicros())
                .setWidth(jpeg.width())
                .setHeight(jpeg.height())
                .setEncoding(ImageEncoding.JPEG)
                .setImage(ByteBuffer.wrap(jpeg.bytes()))
                .setSourceUri(camera.redactedUri())
                .setIngestHost(ingestHost)
                .setIngestRunId(runId)
                .build();
        queue.send(frame, error -> onSent(sequence, error));
        return true;
    }

    /** Counts a frame's outcome; runs on the reader's thread (a frame dropped from the queue) or Kafka's. */
    private void onSent(long sequence, Exception error) {
        if (error == null) {
            stats.framesSent.incrementAndGet();
            return;
        }
        String reason = Credentials.redact(String.valueOf(error.getMessage()));
        stats.lastLoss.set(reason);
        if (error instanceof SendQueue.QueueFullException) {
            // the first drop and every 250th after it: a line per frame at 25 fps would flood the log
            if (stats.framesQueueFull.getAndIncrement() % QUEUE_FULL_LOG_EVERY == 0) {
                log.warn("Camera '{}': {} ({} so far)", camera.name(), reason, stats.framesQueueFull.get());
            }
        } else {
            stats.framesDropped.incrementAndGet();
            log.error("Camera '{}' frame {} could not be sent: {}", camera.name(), sequence, reason);
        }
    }

    private CaptureTimeline fileTimeline(VideoReader source) throws IOException {
        Path path = filePath();
        long modified = Files.exists(path) ? Files.getLastModifiedTime(path).toMillis() : 0;
        return CaptureTimeline.forFile(source.creationTimeTag(), modified);
    }

    private Path filePath() {
        return Path.of(camera.uri().replaceFirst("^file:(//)?", ""));
    }

    private boolean reachedLimit() {
        return maxFrames > 0 && handed >= maxFrames;
    }

    private void pace(long wallStartNanos, long offsetMicros) {
        long waitNanos = wallStartNanos + offsetMicros * 1_000 - System.nanoTime();
        if (waitNanos > 0) {
            sleep(Duration.ofNanos(waitNanos));
        }
    }

    private void sleep(Duration d) {
        try {
            if (stopSignal.await(d.toNanos(), TimeUnit.NANOSECONDS)) {
                stopRequested = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }
}
