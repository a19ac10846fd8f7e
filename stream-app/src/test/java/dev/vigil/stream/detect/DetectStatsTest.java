package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DetectStatsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DetectStats stats = new DetectStats(registry);

    @Test
    void framesAndLatenciesAreLabelledByCamera() {
        stats.framesDetected.increment("gate");
        stats.framesDetected.increment("gate");
        stats.framesDetected.increment("yard");
        stats.recordCaptureToEvent("gate", Duration.ofMillis(300));
        assertThat(registry.get(DetectStats.FRAMES)
                        .tag("camera", "gate")
                        .tag("outcome", "detected")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(stats.framesDetected()).isEqualTo(3);
        assertThat(stats.captureToEvent("gate").orElseThrow().count()).isEqualTo(1);
        assertThat(stats.captureToEvent("yard")).isEmpty();
    }

    @Test
    void camerasPastTheLimitShareOneLabel() {
        for (int i = 0; i < DetectStats.MAX_CAMERA_LABELS + 5; i++) {
            stats.framesSkippedStale.increment("cam-" + i);
        }
        stats.framesSkippedStale.increment("cam-0");
        assertThat(registry.find(DetectStats.FRAMES).counters()).hasSize(DetectStats.MAX_CAMERA_LABELS + 1);
        assertThat(registry.get(DetectStats.FRAMES)
                        .tag("camera", DetectStats.OTHER_CAMERAS)
                        .counter()
                        .count())
                .isEqualTo(5.0);
        assertThat(registry.get(DetectStats.FRAMES)
                        .tag("camera", "cam-0")
                        .counter()
                        .count())
                .isEqualTo(2.0);
        assertThat(stats.framesSkippedStale()).isEqualTo(DetectStats.MAX_CAMERA_LABELS + 6);
    }
}
