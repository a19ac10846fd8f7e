package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ignore regions (COCO iscrowd) reach training as regions, not as objects, and are flipped with the image. */
class TrainingDataTest {

    @TempDir
    Path dir;

    @Test
    void crowdBoxesBecomeIgnoreRegionsFlippedWithTheImage() throws Exception {
        Dataset plain = CocoDataset.read(TrainingFixtures.cocoDataset(dir, 1, 7));
        AnnotatedImage image = plain.images().get(0);
        List<GroundTruthBox> boxes = new ArrayList<>(image.boxes());
        boxes.add(new GroundTruthBox(200, 20, 250, 100, 1, true, 50 * 80, 1f));
        Dataset withRegion = new Dataset(
                plain.imagesDir(),
                plain.categories(),
                List.of(new AnnotatedImage(image.id(), image.fileName(), image.width(), image.height(), boxes)));
        TrainingData data = new TrainingData(withRegion, ClassMap.ofCategories(plain.categories()));

        TrainingImage upright = data.image(0, false);
        assertThat(upright.classes()).hasSize(2);
        assertThat(upright.boxes()).hasSize(8);
        assertThat(upright.ignoreRegions()).containsExactly(200, 20, 250, 100);

        TrainingImage flipped = data.image(0, true);
        assertThat(flipped.classes()).hasSize(2);
        int width = TrainingFixtures.WIDTH;
        assertThat(flipped.ignoreRegions()).containsExactly(width - 250, 20, width - 200, 100);
        assertThat(flipped.ignoreRegionsResizedTo(TrainingFixtures.HEIGHT * 2, width / 2))
                .containsExactly((width - 250) / 2f, 40, (width - 200) / 2f, 200);
    }
}
