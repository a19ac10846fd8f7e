package dev.vigil.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void countsAreCumulativeAndABoundIsInclusive() {
        Histogram histogram = new Histogram(0.1, 1, 10);
        for (double value : new double[] {0.05, 0.1, 0.5, 1, 3, 50, Double.NaN}) {
            histogram.observe(value);
        }
        Histogram.Snapshot snapshot = histogram.snapshot();
        assertThat(snapshot.cumulativeCounts()).containsExactly(2, 4, 5);
        assertThat(snapshot.count()).as("NaN is not counted").isEqualTo(6);
        assertThat(snapshot.sum()).isCloseTo(54.65, within(1e-9));
    }

    @Test
    void observationsFromManyThreadsAreAllCounted() {
        Histogram histogram = new Histogram(1, 2);
        IntStream.range(0, 10_000).parallel().forEach(i -> histogram.observe(i % 3));
        Histogram.Snapshot snapshot = histogram.snapshot();
        assertThat(snapshot.count()).isEqualTo(10_000);
        assertThat(snapshot.cumulativeCounts()).containsExactly(3_334 + 3_333, 10_000);
    }

    @Test
    void boundsMustBeFiniteAndIncreasing() {
        assertThatThrownBy(Histogram::new).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Histogram(1, 1)).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new Histogram(1, Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
    }

    @Test
    void rendersInPrometheusTextFormat() {
        Histogram histogram = new Histogram(0.5, 2);
        histogram.observe(0.25);
        histogram.observe(1.5);
        histogram.observe(4);
        String text = new PrometheusText()
                .family("vigil_call_seconds", PrometheusText.Type.HISTOGRAM, "Calls.")
                .histogram("vigil_call_seconds", Map.of("model", "m"), histogram.snapshot())
                .toString();
        assertThat(text).isEqualTo("""
                # HELP vigil_call_seconds Calls.
                # TYPE vigil_call_seconds histogram
                vigil_call_seconds_bucket{model="m",le="0.5"} 1
                vigil_call_seconds_bucket{model="m",le="2.0"} 2
                vigil_call_seconds_bucket{model="m",le="+Inf"} 3
                vigil_call_seconds_sum{model="m"} 5.75
                vigil_call_seconds_count{model="m"} 3
                """);
    }
}
