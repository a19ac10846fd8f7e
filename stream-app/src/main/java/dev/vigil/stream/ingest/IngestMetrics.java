package dev.vigil.stream.ingest;

import dev.vigil.stream.metrics.PrometheusText;
import dev.vigil.stream.metrics.PrometheusText.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cameras' counters in Prometheus' text format, one labelled series per camera. */
public final class IngestMetrics {

    static final String FRAMES_DECODED = "vigil_ingest_frames_decoded_total";
    static final String FRAMES = "vigil_ingest_frames_total";
    static final String RECONNECTS = "vigil_ingest_reconnects_total";
    static final String STREAMING = "vigil_ingest_camera_streaming";
    static final String LAST_FRAME_AGE = "vigil_ingest_last_frame_age_seconds";

    private IngestMetrics() {}

    /** Renders every camera's counters as they are at {@code nowMillis}. */
    public static String render(List<CameraReader> cameras, long nowMillis) {
        PrometheusText text = new PrometheusText();
        text.family(FRAMES_DECODED, Type.COUNTER, "Frames the camera's decoder delivered.");
        for (CameraReader c : cameras) {
            text.sample(FRAMES_DECODED, camera(c), c.stats().framesDecoded());
        }
        text.family(
                FRAMES,
                Type.COUNTER,
                "Decoded frames by outcome: sent (acknowledged by Kafka), dropped "
                        + "(too large or the send failed), sampled_out (left out to keep the target fps).");
        for (CameraReader c : cameras) {
            text.sample(FRAMES, outcome(c, "sent"), c.stats().framesSent());
            text.sample(FRAMES, outcome(c, "dropped"), c.stats().framesDropped());
            text.sample(FRAMES, outcome(c, "sampled_out"), c.stats().framesSampledOut());
        }
        text.family(RECONNECTS, Type.COUNTER, "Times the camera's stream was opened again after a failure or stall.");
        for (CameraReader c : cameras) {
            text.sample(RECONNECTS, camera(c), c.stats().reconnects());
        }
        text.family(STREAMING, Type.GAUGE, "1 while the camera's stream is open, else 0.");
        for (CameraReader c : cameras) {
            text.sample(STREAMING, camera(c), c.stats().streaming() ? 1 : 0);
        }
        text.family(
                LAST_FRAME_AGE, Type.GAUGE, "Seconds since the camera's last decoded frame (absent before the first).");
        for (CameraReader c : cameras) {
            long ageMillis = c.stats().lastFrameAgeMillis(nowMillis);
            if (ageMillis >= 0) {
                text.sample(LAST_FRAME_AGE, camera(c), ageMillis / 1000.0);
            }
        }
        return text.toString();
    }

    private static Map<String, String> camera(CameraReader c) {
        return Map.of("camera", c.camera().name());
    }

    private static Map<String, String> outcome(CameraReader c, String outcome) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("camera", c.camera().name());
        labels.put("outcome", outcome);
        return labels;
    }
}
