package dev.vigil.stream.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The cameras' counters as meters, one labelled series per camera. In Prometheus: {@code
 * vigil_ingest_frames_decoded_total}, {@code vigil_ingest_frames_total} by {@code outcome}, {@code
 * vigil_ingest_reconnects_total}, {@code vigil_ingest_camera_streaming} and {@code
 * vigil_ingest_last_frame_age_seconds} (NaN before the first frame), each with the label {@code camera}.
 */
public final class IngestMetrics {

    static final String FRAMES_DECODED = "vigil.ingest.frames.decoded";
    static final String FRAMES = "vigil.ingest.frames";
    static final String RECONNECTS = "vigil.ingest.reconnects";
    static final String STREAMING = "vigil.ingest.camera.streaming";
    static final String LAST_FRAME_AGE = "vigil.ingest.last.frame.age";

    private IngestMetrics() {}

    /** Registers every camera's meters; they read the cameras' counters on each scrape. */
    public static void bind(MeterRegistry registry, List<CameraReader> cameras) {
        for (CameraReader c : cameras) {
            CameraStats stats = c.stats();
            String camera = c.camera().name();
            FunctionCounter.builder(FRAMES_DECODED, stats, CameraStats::framesDecoded)
                    .description("Frames the camera's decoder delivered.")
                    .tag("camera", camera)
                    .register(registry);
            frames(registry, camera, stats, "sent", CameraStats::framesSent);
            frames(registry, camera, stats, "dropped", CameraStats::framesDropped);
            frames(registry, camera, stats, "queue_full", CameraStats::framesQueueFull);
            frames(registry, camera, stats, "sampled_out", CameraStats::framesSampledOut);
            FunctionCounter.builder(RECONNECTS, stats, CameraStats::reconnects)
                    .description("Times the camera's stream was opened again after a failure or stall.")
                    .tag("camera", camera)
                    .register(registry);
            Gauge.builder(STREAMING, stats, s -> s.streaming() ? 1 : 0)
                    .description("1 while the camera's stream is open, else 0.")
                    .tag("camera", camera)
                    .register(registry);
            Gauge.builder(LAST_FRAME_AGE, stats, s -> {
                        long ageMillis = s.lastFrameAgeMillis(System.currentTimeMillis());
                        return ageMillis < 0 ? Double.NaN : ageMillis / 1000.0;
                    })
                    .description("Seconds since the camera's last decoded frame (NaN before the first).")
                    .baseUnit("seconds")
                    .tag("camera", camera)
                    .register(registry);
        }
    }

    private static void frames(
            MeterRegistry registry,
            String camera,
            CameraStats stats,
            String outcome,
            ToDoubleFunction<CameraStats> count) {
        FunctionCounter.builder(FRAMES, stats, count)
                .description("Decoded frames by outcome: sent (acknowledged by Kafka), dropped (too large or the "
                        + "send failed), queue_full (a live camera's oldest frames, dropped while Kafka did not keep "
                        + "up), sampled_out (left out to keep the target fps).")
                .tag("camera", camera)
                .tag("outcome", outcome)
                .register(registry);
    }
}
