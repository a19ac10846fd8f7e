package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FrameSelectionTest {

    @Test
    void takesEveryNthFrameOfAnInclusiveRange() {
        FrameSelection selection = FrameSelection.parse("600-794", 5);
        assertThat(LongStream.range(0, 900).filter(selection::takes).toArray())
                .startsWith(600, 605, 610)
                .endsWith(790)
                .hasSize(39);
        assertThat(selection.countIn(795)).isEqualTo(39);
        assertThat(selection).hasToString("frames 600-794 every 5");
    }

    @Test
    void anOpenRangeRunsToTheEndOfTheVideo() {
        FrameSelection selection = FrameSelection.parse("700-", 1);
        assertThat(selection.takes(794)).isTrue();
        assertThat(selection.takes(699)).isFalse();
        assertThat(selection.countIn(795)).isEqualTo(95);
        assertThat(selection.countIn(600)).isZero();
        assertThat(FrameSelection.parse(null, 1)).hasToString("all frames");
        assertThat(FrameSelection.parse("0-599", 1).countIn(795)).isEqualTo(600);
    }

    @Test
    void namesTheTextThatIsNotARange() {
        for (String bad : new String[] {"599", "-5", "a-b", "5-x", ""}) {
            assertThatThrownBy(() -> FrameSelection.parse(bad, 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' is not FIRST-LAST");
        }
        assertThatThrownBy(() -> FrameSelection.parse("9-3", 1)).hasMessageContaining("0 <= first <= last");
        assertThatThrownBy(() -> FrameSelection.parse("0-9", 0)).hasMessageContaining("step must be positive");
    }
}
