package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TeacherLabelMapTest {

    @Test
    void defaultsMapTheCctvLabelsToCocoNames() {
        TeacherLabelMap map = TeacherLabelMap.defaults();
        assertThat(map.vigilClass("Person")).isEqualTo("person");
        assertThat(map.vigilClass("Car")).isEqualTo("car");
        assertThat(map.vigilClass("Vehicle")).isEqualTo("car");
        assertThat(map.vigilClass("Bicycle")).isEqualTo("bicycle");
        assertThat(map.vigilClass("Dog")).isEqualTo("dog");
        assertThat(map.vigilClass("Cat")).isEqualTo("cat");
        assertThat(map.vigilClass("Boot")).as("no COCO class").isNull();
        assertThat(map.vigilClass("???")).isNull();
        assertThat(map.vigilClasses())
                .startsWith("person", "bicycle", "car", "dog", "cat")
                .doesNotHaveDuplicates();
        assertThat(SsdTeacher.OIDV4_LABELS).containsAll(map.teacherLabels());
    }

    @Test
    void parsesPairsKeepingTheOrderOfFirstAppearance() {
        TeacherLabelMap map = TeacherLabelMap.parse(" Vehicle = car , Person=person,Car=car,Computer monitor=tv");
        assertThat(map.vigilClasses()).containsExactly("car", "person", "tv");
        assertThat(map.vigilClass("Computer monitor")).isEqualTo("tv");
        assertThat(map.teacherLabels()).containsExactly("Vehicle", "Person", "Car", "Computer monitor");
        assertThat(map).hasToString("Vehicle=car,Person=person,Car=car,Computer monitor=tv");
    }

    @Test
    void restrictsToTheRequestedClassesInTheirOrder() {
        TeacherLabelMap map = TeacherLabelMap.defaults().restrictedTo(List.of("car", "person"));
        assertThat(map.vigilClasses()).containsExactly("car", "person");
        assertThat(map.teacherLabels()).containsExactlyInAnyOrder("Car", "Vehicle", "Person");
        assertThat(map.vigilClass("Dog")).isNull();
    }

    @Test
    void namesWhatIsWrong() {
        assertThatThrownBy(() -> TeacherLabelMap.parse("Person=person,Car"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Car' is not TeacherLabel=class");
        assertThatThrownBy(() -> TeacherLabelMap.parse("Person=person,Person=car"))
                .hasMessageContaining("'Person' is mapped twice");
        assertThatThrownBy(() -> TeacherLabelMap.parse("Person="))
                .hasMessageContaining("'Person=' is not TeacherLabel=class");
        assertThatThrownBy(() -> TeacherLabelMap.defaults().restrictedTo(List.of("person", "truck")))
                .hasMessageContaining("no teacher label maps to class 'truck'")
                .hasMessageContaining("person, bicycle");
    }
}
