package dev.vigil.stream.demo;

import dev.vigil.stream.detect.DetectStats;
import dev.vigil.stream.ingest.CameraStats;
import java.util.Locale;

/** The demo's once-a-second line: rates in and out, capture-to-event latency, detections per class. */
final class StatusLine {

    private final CameraStats camera;
    private final DetectStats detect;
    private final DetectionFollower follower;
    private long lastSent;
    private long lastEvents;
    private long lastNanos = System.nanoTime();

    StatusLine(CameraStats camera, DetectStats detect, DetectionFollower follower) {
        this.camera = camera;
        this.detect = detect;
        this.follower = follower;
    }

    /** The line for the interval since the last call. */
    String next() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        long sent = camera.framesSent();
        long events = follower.events.get();
        long[] p = follower.latencies.drainPercentiles(0.5, 0.99);
        String line = String.format(
                Locale.ROOT,
                "in %5.1f fps | out %5.1f fps | latency p50 %s p99 %s | skipped %d | dlq %d | %s",
                (sent - lastSent) / seconds,
                (events - lastEvents) / seconds,
                p == null ? "-" : p[0] + " ms",
                p == null ? "-" : p[1] + " ms",
                detect.framesSkippedStale(),
                detect.framesDeadLettered(),
                Demo.classes(follower.perClass()));
        lastSent = sent;
        lastEvents = events;
        lastNanos = now;
        return line;
    }
}
