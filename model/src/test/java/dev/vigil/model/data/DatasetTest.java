package dev.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void anImageFileNameThatLeadsOutOfTheImagesFolderIsRefused() {
        Path images = Path.of("/data/set/images");
        AnnotatedImage inside = new AnnotatedImage(1, "cam/1.jpg", 10, 10, List.of());
        AnnotatedImage outside = new AnnotatedImage(2, "../../../etc/passwd", 10, 10, List.of());
        Dataset dataset = new Dataset(images, List.of(), List.of(inside, outside));
        assertThat(dataset.imagePath(inside)).isEqualTo(images.resolve("cam/1.jpg"));
        assertThatThrownBy(() -> dataset.imagePath(outside))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../../../etc/passwd")
                .hasMessageContaining("leads out of the folder");
    }
}
