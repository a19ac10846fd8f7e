package dev.vigil.stream.ingest;

import dev.vigil.model.media.VideoReader;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
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
 * Reads one camera until stopped: decode, sample to the target rate, encode as JPEG, hand to the sink. A failing or
 * stalled live camera is opened again with exponential back-off and jitter; a file ends the reader at its end
 * (or starts again, with {@code loop}). Runs on its own thread, so one camera's trouble never stops the others.
 * A camera that cannot be read (a missing file, a live stream past the back-off's retry limit) ends the reader
 * with a {@link #failure()}.
 */
public final class CameraReader implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CameraReader.class);

    private final CameraSpec camera;
    private final JpegEncoder encoder;
    private final FrameSink sink;
    private final String ingestHost;
    private final CameraStats stats = new CameraStats();
    private final Backoff backoff;
    private final long maxFrames;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopRequested;
    private volatile String failure;
    private long nextSequence;
    /** Frames handed to the sink, across reconnects: what {@code maxFrames} limits. */
    private long handed;

    private CaptureTimeline timeline;

    /**
     * @param maxFrames stop after this many frames were handed to the sink (0 = no limit)
     */
    public CameraReader(
            CameraSpec camera,
            JpegEncoder encoder,
            FrameSink sink,
            String ingestHost,
            Backoff backoff,
            long maxFrames) {
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
        FrameSampler sampler = new FrameSampler(camera.targetFps());
        boolean reopeningAfterFailure = false;
        while (!stopRequested) {
            try (VideoReader source = camera.openVideo()) {
                if (reopeningAfterFailure) {
                    stats.reconnects.incrementAndGet();
                }
                reopeningAfterFailure = false;
                stats.streaming.set(true);
                stats.declaredFps(source.declaredFps());
                sampler.reset();
                log.info(
                        "Camera '{}' opened {} ({} fps declared)",
                        camera.name(),
                        camera.redactedUri(),
                        source.declaredFps());
                readUntilEnd(source, sampler);
                if (!camera.isLive() && !camera.loop() || reachedLimit()) {
                    break;
                }
            } catch (IOException | RuntimeException e) {
                stats.streaming.set(false);
                stats.lastError.set(String.valueOf(e.getMessage()));
                if (!camera.isLive() && !camera.loop()) {
                    giveUp(e.getMessage());
                    break;
                }
                if (backoff.exhausted()) {
                    giveUp(e.getMessage() + " (no more retries)");
                    break;
                }
                reopeningAfterFailure = true;
                Duration delay = backoff.nextDelay();
                log.warn(
                        "Camera '{}' failed ({}); reconnecting in {} ms",
                        camera.name(),
                        e.getMessage(),
                        delay.toMillis());
                sleep(delay);
            } finally {
                stats.streaming.set(false);
            }
        }
        stats.ended.set(true);
        log.info(
                "Camera '{}' stopped: {} decoded, {} sent, {} dropped, {} reconnects",
                camera.name(),
                stats.framesDecoded(),
                stats.framesSent(),
                stats.framesDropped(),
                stats.reconnects());
    }

    private void giveUp(String reason) {
        failure = reason;
        log.error("Camera '{}' failed: {}", camera.name(), reason);
    }

    private void readUntilEnd(VideoReader source, FrameSampler sampler) throws IOException {
        if (timeline == null) {
            timeline = camera.isLive() || camera.replay() == CameraSpec.ReplayMode.LIVE
                    ? CaptureTimeline.live()
                    : fileTimeline(source);
        }
        double fps = source.declaredFps() > 0 ? source.declaredFps() : 25;
        long frameIntervalMicros = Math.round(1_000_000 / fps);
        long wallStartNanos = System.nanoTime();
        long firstTimelineMicros = -1;
        long lastFrameNanos = System.nanoTime();
        while (!stopRequested && !reachedLimit()) {
            VideoReader.DecodedFrame decoded = source.next();
            if (decoded == null) {
                if (camera.isLive()) {
                    throw new IOException("stream ended");
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
            if (send(decoded, sequence, timeline.captureMillis(timelineMicros, System.currentTimeMillis()))) {
                handed++;
            }
        }
    }

    private boolean send(VideoReader.DecodedFrame decoded, long sequence, long captureMillis) {
        JpegEncoder.Encoded jpeg;
        try {
            jpeg = encoder.encode(decoded.bgr());
        } catch (RuntimeException e) {
            stats.framesDropped.incrementAndGet();
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
                .build();
        sink.send(frame, error -> {
            if (error == null) {
                stats.framesSent.incrementAndGet();
            } else {
                stats.framesDropped.incrementAndGet();
                log.error("Camera '{}' frame {} could not be sent: {}", camera.name(), sequence, error.getMessage());
            }
        });
        return true;
    }

    private CaptureTimeline fileTimeline(VideoReader source) throws IOException {
        Path path = Path.of(camera.uri().replaceFirst("^file:(//)?", ""));
        long modified = Files.exists(path) ? Files.getLastModifiedTime(path).toMillis() : 0;
        return CaptureTimeline.forFile(source.creationTimeTag(), modified);
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
