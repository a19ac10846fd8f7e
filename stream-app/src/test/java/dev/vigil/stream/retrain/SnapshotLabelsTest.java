package dev.vigil.stream.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.teacher.TeacherChoice;
import dev.vigil.model.teacher.TeacherLabelMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which classes a retraining run lets the teacher label: the classes of the model it fine-tunes, no others. */
class SnapshotLabelsTest {

    @Test
    void theTeacherLabelsOnlyTheClassesOfTheModelBeingFineTuned() {
        TeacherLabelMap all = TeacherLabelMap.parse(TeacherChoice.DEFAULT_LABEL_MAP);
        assertThat(all.vigilClasses())
                .as("the default map labels more than the model has")
                .contains("dog", "chair");

        List<String> classes = SnapshotLabels.teachableClasses(List.of("__background__", "person", "car"));

        assertThat(classes).containsExactly("person", "car");
        assertThat(all.restrictedTo(classes).vigilClasses()).containsExactly("person", "car");
    }

    @Test
    void aModelWhoseClassesTheTeacherCannotLabelIsRefusedNamingThem() {
        assertThatThrownBy(() -> SnapshotLabels.teachableClasses(List.of("__background__", "forklift")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forklift")
                .hasMessageContaining("vigil labels import");
    }
}
