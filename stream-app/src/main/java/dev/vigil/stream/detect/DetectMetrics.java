package dev.vigil.stream.detect;

import dev.vigil.stream.metrics.PrometheusText;
import dev.vigil.stream.metrics.PrometheusText.Type;
import java.util.Map;

/** The detect application's counters and state in Prometheus' text format. */
public final class DetectMetrics {

    static final String FRAMES = "vigil_detect_frames_total";
    static final String BATCHES = "vigil_detect_batches_total";
    static final String RUNNING = "vigil_detect_running";
    static final String BATCH_SECONDS = "vigil_detect_batch_duration_seconds";
    static final String LATENCY_SECONDS = "vigil_detect_capture_to_event_seconds";

    private DetectMetrics() {}

    /** Renders the counters as they are now; {@code running} is whether the Kafka Streams application runs. */
    public static String render(DetectStats stats, boolean running) {
        PrometheusText text = new PrometheusText();
        text.family(
                FRAMES,
                Type.COUNTER,
                "Frames by outcome: detected (an OK event), skipped_stale (a SKIPPED_STALE "
                        + "event), dead_lettered (to the dead-letter topic), failed (the detector failed on it).");
        text.sample(FRAMES, Map.of("outcome", "detected"), stats.framesDetected());
        text.sample(FRAMES, Map.of("outcome", "skipped_stale"), stats.framesSkippedStale());
        text.sample(FRAMES, Map.of("outcome", "dead_lettered"), stats.framesDeadLettered());
        text.sample(FRAMES, Map.of("outcome", "failed"), stats.framesFailed());
        text.family(BATCHES, Type.COUNTER, "Detector calls (micro-batches).");
        text.sample(BATCHES, Map.of(), stats.batches());
        text.family(
                BATCH_SECONDS,
                Type.HISTOGRAM,
                "Duration of a detector call (a micro-batch: decoding, the network, " + "postprocessing).");
        text.histogram(BATCH_SECONDS, Map.of(), stats.batchSeconds());
        text.family(LATENCY_SECONDS, Type.HISTOGRAM, "From a frame's capture time to its OK detection event.");
        text.histogram(LATENCY_SECONDS, Map.of(), stats.captureToEventSeconds());
        text.family(RUNNING, Type.GAUGE, "1 while the Kafka Streams application is running or rebalancing, else 0.");
        text.sample(RUNNING, Map.of(), running ? 1 : 0);
        return text.toString();
    }
}
