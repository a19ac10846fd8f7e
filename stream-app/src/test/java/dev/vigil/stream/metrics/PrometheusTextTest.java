package dev.vigil.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void familiesAndSamplesInTheTextFormatWithEscapedLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("camera", "a\"b\\c\nd");
        labels.put("outcome", "sent");
        String text = new PrometheusText()
                .family("vigil_x_total", PrometheusText.Type.COUNTER, "Things.")
                .sample("vigil_x_total", labels, 42)
                .family("vigil_age_seconds", PrometheusText.Type.GAUGE, "Age.")
                .sample("vigil_age_seconds", Map.of(), 1.5)
                .sample("vigil_age_seconds", Map.of("camera", "z"), Double.NaN)
                .toString();

        assertThat(text).isEqualTo("""
                # HELP vigil_x_total Things.
                # TYPE vigil_x_total counter
                vigil_x_total{camera="a\\"b\\\\c\\nd",outcome="sent"} 42
                # HELP vigil_age_seconds Age.
                # TYPE vigil_age_seconds gauge
                vigil_age_seconds 1.5
                vigil_age_seconds{camera="z"} NaN
                """);
    }
}
