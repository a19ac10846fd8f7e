package dev.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.detector.ClassNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassMapTest {

    @Test
    void backgroundIsClassZeroAndCategoriesFollowInIdOrder() {
        ClassMap map = ClassMap.ofCategories(
                List.of(new Category(7, "dog"), new Category(2, "car"), new Category(5, "person")));
        assertThat(map.names()).containsExactly(ClassMap.BACKGROUND, "car", "person", "dog");
        assertThat(map.numClasses()).isEqualTo(4);
        assertThat(map.name(0)).isEqualTo("__background__");
        assertThat(map.classIndex("person")).isEqualTo(2);
        assertThat(map.name(3)).isEqualTo("dog");
    }

    @Test
    void mapsAnotherDatasetsCategoryIdsByName() {
        ClassMap map = ClassMap.ofForeground(List.of("person", "car"));
        CategoryClasses classes = map.forCategories(List.of(new Category(10, "car"), new Category(3, "person")));
        assertThat(classes.classIndex(10)).isEqualTo(2);
        assertThat(classes.classIndex(3)).isEqualTo(1);
        assertThat(classes.classIndices(List.of(
                        GroundTruthBox.of(0, 0, 1, 1, 3),
                        GroundTruthBox.of(0, 0, 1, 1, 10),
                        GroundTruthBox.of(0, 0, 1, 1, 3))))
                .containsExactly(1, 2, 1);
        assertThatThrownBy(() -> classes.classIndex(4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("category id 4 is not one of the dataset's categories [3, 10]");
    }

    @Test
    void unknownNamesAreClearErrors() {
        ClassMap map = ClassMap.ofForeground(List.of("person", "car"));
        assertThatThrownBy(() -> map.classIndex("truck"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("class 'truck' is not one of the model's classes [person, car]");
        assertThatThrownBy(() -> map.forCategories(List.of(new Category(4, "bus"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("category 4 ('bus'): class 'bus' is not one of");
        assertThatThrownBy(() -> map.forCategories(List.of(new Category(0, "__background__"))))
                .hasMessage("category 0 ('__background__') names the background class");
        assertThatThrownBy(() -> map.name(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void roundTripsWithAModelArtifactsClassesFile(@TempDir Path dir) throws IOException {
        ClassMap map = ClassMap.ofForeground(List.of("person", "car", "bicycle"));
        Path file = dir.resolve("classes.txt");
        ClassNames.write(file, map.names());
        assertThat(ClassMap.ofClassNames(ClassNames.read(file))).isEqualTo(map);
    }

    @Test
    void torchvisionCocoNamesWithRepeatedPlaceholdersMapCocoCategories() {
        ClassMap coco = ClassMap.ofClassNames(ClassNames.coco());
        assertThat(coco.numClasses()).isEqualTo(91);
        CategoryClasses classes = coco.forCategories(
                List.of(new Category(1, "person"), new Category(3, "car"), new Category(90, "toothbrush")));
        assertThat(classes.classIndex(1)).isEqualTo(1);
        assertThat(classes.classIndex(3)).isEqualTo(3);
        assertThat(classes.classIndex(90)).isEqualTo(90);
        assertThatThrownBy(() -> coco.classIndex("N/A")).hasMessageStartingWith("class name 'N/A' is ambiguous");
    }

    @Test
    void needsAForegroundClass() {
        assertThatThrownBy(() -> ClassMap.ofForeground(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one class");
        assertThatThrownBy(() -> ClassMap.ofForeground(List.of("person", " ")))
                .hasMessageContaining("class name 2 is blank");
    }
}
