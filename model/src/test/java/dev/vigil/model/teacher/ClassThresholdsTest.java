package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.detector.DetectedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassThresholdsTest {

    private static DetectedObject of(String label, float score) {
        return new DetectedObject(1, label, score, 0, 0, 10, 10);
    }

    @Test
    void eachClassNeedsItsOwnThresholdAndTheOthersTheFallback() {
        ClassThresholds thresholds = ClassThresholds.parse(" person=0.45 ,car=0.3", 0.35f);

        assertThat(thresholds.of("person")).isEqualTo(0.45f);
        assertThat(thresholds.of("car")).isEqualTo(0.3f);
        assertThat(thresholds.of("dog")).isEqualTo(0.35f);
        assertThat(thresholds.lowest()).isEqualTo(0.3f);
        assertThat(thresholds.keep(List.of(
                        of("person", 0.5f), of("person", 0.44f), of("car", 0.3f), of("dog", 0.34f), of("dog", 0.4f))))
                .extracting(DetectedObject::label, DetectedObject::score)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("person", 0.5f),
                        org.assertj.core.groups.Tuple.tuple("car", 0.3f),
                        org.assertj.core.groups.Tuple.tuple("dog", 0.4f));
        assertThat(ClassThresholds.parse(thresholds.spec(), 0.35f)).isEqualTo(thresholds);
        assertThat(ClassThresholds.uniform(0.2f).lowest()).isEqualTo(0.2f);
    }

    @Test
    void refusesWhatIsNotClassEqualsScore() {
        assertThatThrownBy(() -> ClassThresholds.parse("person:0.4", 0.35f))
                .hasMessageContaining("'person:0.4' is not class=score");
        assertThatThrownBy(() -> ClassThresholds.parse("person=high", 0.35f))
                .hasMessageContaining("'person=high' has no number");
        assertThatThrownBy(() -> ClassThresholds.parse("person=0.4,person=0.5", 0.35f))
                .hasMessageContaining("'person' has two thresholds");
        assertThatThrownBy(() -> ClassThresholds.parse("person=1.5", 0.35f))
                .hasMessageContaining("class 'person' must be in [0, 1), got 1.5");
    }
}
