package dev.vigil.stream.detect;

import dev.vigil.stream.tracking.TrackingStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detect application's meters, shared by its stream threads. In Prometheus: {@code vigil_detect_frames_total}
 * by {@code camera} and {@code outcome}, {@code vigil_detect_batches_total}, {@code
 * vigil_detect_motion_check_seconds} (the motion gate's time per frame), {@code vigil_detect_thread_failures_total} by {@code
 * exception}, and the histograms {@code vigil_detect_batch_duration_seconds} and {@code
 * vigil_detect_capture_to_event_seconds} (by {@code camera}). Also what the health checks need: the stream-thread
 * failures since the last batch processed, and the last failure's cause. The number of cameras labelled is bounded
 * ({@link #MAX_CAMERA_LABELS}): camera ids come from the wire, and each label value is a series of its own; frames of
 * further cameras are counted under {@value #OTHER_CAMERAS}.
 */
public final class DetectStats {

    private static final Logger log = LoggerFactory.getLogger(DetectStats.class);

    static final String FRAMES = "vigil.detect.frames";
    static final String BATCHES = "vigil.detect.batches";
    static final String BATCH_DURATION = "vigil.detect.batch.duration";
    static final String CAPTURE_TO_EVENT = "vigil.detect.capture.to.event";
    static final String THREAD_FAILURES = "vigil.detect.thread.failures";
    static final String MOTION_CHECK = "vigil.detect.motion.check";

    /** Cameras with series of their own; further cameras share {@value #OTHER_CAMERAS}. */
    public static final int MAX_CAMERA_LABELS = 1000;

    static final String OTHER_CAMERAS = "_other";

    final CameraCounter framesDetected;
    final CameraCounter framesSkippedStale;
    final CameraCounter framesReused;
    final CameraCounter framesDeadLettered;
    final CameraCounter framesFailed;
    final Counter batches;
    /** Time per detector call (one micro-batch, decoding included). */
    final Timer batchDuration;
    /** Time the motion gate takes to judge a frame (decode to a small grey picture, compare). */
    final Timer motionCheck;
    /** Time from a frame's capture to its OK or REUSED_NO_MOTION event, by camera. */
    private final Map<String, Timer> captureToEvent = new ConcurrentHashMap<>();

    private final Set<String> labelledCameras = ConcurrentHashMap.newKeySet();
    /** The tracking stage's meters. */
    final TrackingStats tracking;

    private final MeterRegistry registry;
    private final AtomicInteger failuresSinceLastBatch = new AtomicInteger();
    private final AtomicBoolean firstBatchLogged = new AtomicBoolean();
    private final AtomicLong threadFailures = new AtomicLong();
    private volatile String lastFailure;

    /** Meters kept only here (tests, benchmarks). */
    public DetectStats() {
        this(new SimpleMeterRegistry());
    }

    /** Meters registered in {@code registry}. */
    public DetectStats(MeterRegistry registry) {
        this.registry = registry;
        String outcomes = "Frames by outcome: detected (an OK event), skipped_stale (a SKIPPED_STALE event), "
                + "reused_no_motion (a REUSED_NO_MOTION event: the motion gate saw nothing move, the detector did not "
                + "run), dead_lettered (to the dead-letter topic), failed (the detector failed on it).";
        framesDetected = frames(registry, "detected", outcomes);
        framesSkippedStale = frames(registry, "skipped_stale", outcomes);
        framesReused = frames(registry, "reused_no_motion", outcomes);
        framesDeadLettered = frames(registry, "dead_lettered", outcomes);
        framesFailed = frames(registry, "failed", outcomes);
        batches = Counter.builder(BATCHES)
                .description("Detector calls (micro-batches).")
                .register(registry);
        batchDuration = Timer.builder(BATCH_DURATION)
                .description("Duration of a detector call (a micro-batch: decoding, the network, postprocessing).")
                .serviceLevelObjectives(seconds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
                .register(registry);
        motionCheck = Timer.builder(MOTION_CHECK)
                .description("Time the motion gate takes to judge a frame: decoding it to a small grey picture and "
                        + "comparing it with its camera's last run frame.")
                .serviceLevelObjectives(seconds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05))
                .register(registry);
        tracking = new TrackingStats(registry);
    }

    /** A stream thread died of {@code error} (it is replaced): counted, and the app is not healthy until a batch runs. */
    void threadFailed(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        Counter.builder(THREAD_FAILURES)
                .description("Stream threads that died of an error (each is replaced), by the error's root class.")
                .tag("exception", root.getClass().getSimpleName())
                .register(registry)
                .increment();
        threadFailures.incrementAndGet();
        failuresSinceLastBatch.incrementAndGet();
        lastFailure = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** A batch went through the detect step: the threads work. The first one is logged (restart times). */
    void batchProcessed() {
        failuresSinceLastBatch.set(0);
        if (!firstBatchLogged.getAndSet(true)) {
            log.info(
                    "First batch processed ({} ms after the JVM started)",
                    ManagementFactory.getRuntimeMXBean().getUptime());
        }
    }

    /** Stream-thread failures since the last batch was processed: more than 0 means no proof the app works. */
    public int failuresSinceLastBatch() {
        return failuresSinceLastBatch.get();
    }

    /** Stream-thread failures since start. */
    public long threadFailures() {
        return threadFailures.get();
    }

    /** The root cause of the last stream-thread failure, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    private CameraCounter frames(MeterRegistry registry, String outcome, String description) {
        return new CameraCounter(camera -> Counter.builder(FRAMES)
                .description(description)
                .tag("camera", camera)
                .tag("outcome", outcome)
                .register(registry));
    }

    /** The camera's label: its id, or {@value #OTHER_CAMERAS} past {@link #MAX_CAMERA_LABELS} cameras. */
    String label(String camera) {
        if (labelledCameras.contains(camera)) {
            return camera;
        }
        synchronized (labelledCameras) {
            if (labelledCameras.size() < MAX_CAMERA_LABELS) {
                labelledCameras.add(camera);
                return camera;
            }
        }
        return OTHER_CAMERAS;
    }

    /** Records a frame's capture-to-event latency for its camera. */
    void recordCaptureToEvent(String camera, Duration latency) {
        captureToEvent
                .computeIfAbsent(
                        label(camera),
                        name -> Timer.builder(CAPTURE_TO_EVENT)
                                .description(
                                        "From a frame's capture time to its OK or REUSED_NO_MOTION detection event.")
                                .serviceLevelObjectives(seconds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
                                .tag("camera", name)
                                .register(registry))
                .record(latency);
    }

    /** A frame counter by camera that also keeps the total over every camera. */
    final class CameraCounter {

        private final Function<String, Counter> make;
        private final Map<String, Counter> byCamera = new ConcurrentHashMap<>();
        private final AtomicLong total = new AtomicLong();

        private CameraCounter(Function<String, Counter> make) {
            this.make = make;
        }

        void increment(String camera) {
            byCamera.computeIfAbsent(label(camera), make).increment();
            total.incrementAndGet();
        }

        long total() {
            return total.get();
        }
    }

    private static Duration[] seconds(double... bounds) {
        Duration[] out = new Duration[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(bounds[i] * 1e9));
        }
        return out;
    }

    /** Frames run through the detector with an OK event. */
    public long framesDetected() {
        return framesDetected.total();
    }

    /** Frames too old when their turn came, reported as SKIPPED_STALE. */
    public long framesSkippedStale() {
        return framesSkippedStale.total();
    }

    /** Frames sent to the dead-letter topic (unreadable or undecodable). */
    public long framesDeadLettered() {
        return framesDeadLettered.total();
    }

    /** Frames the motion gate found still, reported as REUSED_NO_MOTION with their camera's last detection. */
    public long framesReused() {
        return framesReused.total();
    }

    /** The motion gate's time per frame judged. */
    public Timer motionCheck() {
        return motionCheck;
    }

    /** Frames on which the detector itself failed (FAILED events; also dead-lettered). */
    public long framesFailed() {
        return framesFailed.total();
    }

    /** Detector calls. */
    public long batches() {
        return (long) batches.count();
    }

    /** The durations of the detector calls. */
    public Timer batchDuration() {
        return batchDuration;
    }

    /** The tracking stage's meters. */
    public TrackingStats tracking() {
        return tracking;
    }

    /**
     * The capture-to-event latencies of camera {@code camera}'s frames with OK or REUSED_NO_MOTION events; empty
     * before the first.
     */
    public Optional<Timer> captureToEvent(String camera) {
        return Optional.ofNullable(captureToEvent.get(camera));
    }
}
