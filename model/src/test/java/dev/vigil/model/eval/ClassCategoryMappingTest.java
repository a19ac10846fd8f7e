package dev.vigil.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.data.Category;
import dev.vigil.model.detector.DetectedObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassCategoryMappingTest {

    private static final List<String> MODEL = List.of("__background__", "person", "N/A", "Car", "dog", "N/A");
    private static final List<Category> DATASET =
            List.of(new Category(7, "car"), new Category(3, "person"), new Category(9, "bicycle"));

    @Test
    void matchesByNameIgnoringCaseAndReportsWhatIsLeftOver() {
        ClassCategoryMapping mapping = ClassCategoryMapping.byName(MODEL, DATASET);
        assertThat(mapping.categoryOf(1)).isEqualTo(3);
        assertThat(mapping.categoryOf(3)).isEqualTo(7);
        assertThat(mapping.categoryOf(2)).isEqualTo(ClassCategoryMapping.UNMAPPED);
        assertThat(mapping.categoryOf(0)).as("background").isEqualTo(ClassCategoryMapping.UNMAPPED);
        assertThat(mapping.matchedCategories()).extracting(Category::id).containsExactlyInAnyOrder(3, 7);
        assertThat(mapping.unmatchedClasses()).containsExactly("N/A", "dog");
        assertThat(mapping.unmatchedCategories()).containsExactly("bicycle");
    }

    @Test
    void detectionsOfUnmappedClassesAreDroppedAndTheRestCapped() {
        ClassCategoryMapping mapping = ClassCategoryMapping.byName(MODEL, DATASET);
        List<DetectedObject> detections = List.of(
                new DetectedObject(4, "dog", 0.9f, 0, 0, 1, 1),
                new DetectedObject(1, "person", 0.8f, 1, 2, 3, 4),
                new DetectedObject(3, "Car", 0.7f, 5, 6, 7, 8),
                new DetectedObject(1, "person", 0.6f, 0, 0, 2, 2));
        ImageDetectionResult result = mapping.toResult(11, detections, 2);
        assertThat(result.imageId()).isEqualTo(11);
        assertThat(result.boxes())
                .containsExactly(new ScoredBox(1, 2, 3, 4, 3, 0.8f), new ScoredBox(5, 6, 7, 8, 7, 0.7f));
    }

    @Test
    void noCommonNameIsAnError() {
        assertThatThrownBy(() -> ClassCategoryMapping.byName(List.of("__background__", "zebra"), DATASET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zebra")
                .hasMessageContaining("bicycle");
    }

    @Test
    void ambiguousCategoryNamesAreAnError() {
        assertThatThrownBy(() -> ClassCategoryMapping.byName(
                        MODEL, List.of(new Category(1, "person"), new Category(2, "Person"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share the name");
    }
}
