package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSamplerTest {

    /** The presentation times kept out of frames at {@code sourceFps} for {@code frames} frames. */
    static List<Long> kept(FrameSampler sampler, double sourceFps, int frames, long startMicros) {
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            long pts = startMicros + Math.round(i * 1_000_000 / sourceFps);
            if (sampler.keep(pts)) {
                kept.add(pts);
            }
        }
        return kept;
    }

    @Test
    void keepsEveryFrameWithoutATargetRate() {
        assertThat(kept(new FrameSampler(0), 25, 50, 0)).hasSize(50);
        assertThat(kept(new FrameSampler(-1), 25, 50, 0)).hasSize(50);
    }

    @Test
    void thins25FpsTo5FpsEvenly() {
        List<Long> kept = kept(new FrameSampler(5), 25, 100, 0);
        assertThat(kept).hasSize(20);
        for (int i = 1; i < kept.size(); i++) {
            assertThat(kept.get(i) - kept.get(i - 1)).isEqualTo(200_000);
        }
    }

    @Test
    void aTargetAboveTheSourceRateKeepsEveryFrame() {
        assertThat(kept(new FrameSampler(30), 10, 40, 0)).hasSize(40);
    }

    @Test
    void afterAGapItDoesNotBurstToCatchUp() {
        FrameSampler sampler = new FrameSampler(5);
        assertThat(sampler.keep(0)).isTrue();
        assertThat(sampler.keep(100_000)).isFalse();
        // ten seconds without frames, then frames at 25 fps again
        assertThat(sampler.keep(10_000_000)).isTrue();
        assertThat(sampler.keep(10_040_000))
                .as("one frame per interval, not the missed ones")
                .isFalse();
        assertThat(sampler.keep(10_160_000)).isFalse();
        assertThat(sampler.keep(10_200_000)).isTrue();
    }

    @Test
    void resetForgetsTheTimelineSoRestartedTimestampsAreKept() {
        FrameSampler sampler = new FrameSampler(5);
        assertThat(kept(sampler, 25, 50, 5_000_000)).hasSize(10);
        assertThat(sampler.keep(0)).as("timestamps went back after a reconnect").isFalse();
        sampler.reset();
        assertThat(sampler.keep(0)).isTrue();
    }
}
