package dev.vigil.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.transform.TransformConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    /** 2 rows × 3 columns, values channel·100 + row·10 + column. */
    private static LabelledImage sample() {
        float[] chw = new float[3 * 2 * 3];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    chw[(c * 2 + y) * 3 + x] = c * 100 + y * 10 + x;
                }
            }
        }
        return new LabelledImage(
                new RgbImage("tiny", new ImageSize(2, 3), chw),
                List.of(new GroundTruthBox(0.5f, 0, 1, 2, 4, true, 7, 0.5f)));
    }

    @Test
    void flipMirrorsEveryRowOfEveryChannelAndTheBoxes() {
        LabelledImage flipped = HorizontalFlip.flip(sample());
        assertThat(flipped.image().chw())
                .containsExactly(2, 1, 0, 12, 11, 10, 102, 101, 100, 112, 111, 110, 202, 201, 200, 212, 211, 210);
        assertThat(flipped.boxes()).containsExactly(new GroundTruthBox(2, 0, 2.5f, 2, 4, true, 7, 0.5f));
        assertThat(flipped.image().name()).isEqualTo("tiny");
        LabelledImage back = HorizontalFlip.flip(flipped);
        assertThat(back.image().chw()).containsExactly(sample().image().chw());
        assertThat(back.boxes()).isEqualTo(sample().boxes());
    }

    @Test
    void flipHappensWithItsProbability() {
        LabelledImage sample = sample();
        SplittableRandom random = new SplittableRandom(1);
        assertThat(new HorizontalFlip(0).apply(sample, random)).isSameAs(sample);
        assertThat(new HorizontalFlip(1).apply(sample, random).image().chw()[0]).isEqualTo(2);
        int flipped = 0;
        HorizontalFlip half = new HorizontalFlip();
        for (int i = 0; i < 1000; i++) {
            flipped += half.apply(sample, random) != sample ? 1 : 0;
        }
        assertThat(flipped).isBetween(440, 560);
        assertThatThrownBy(() -> new HorizontalFlip(1.5)).hasMessageContaining("[0, 1], got 1.5");
    }

    @Test
    void scaleJitterDrawsEveryListedSideAndKeepsTheCap() {
        ScaleJitter jitter = ScaleJitter.paperMultiScale();
        SplittableRandom random = new SplittableRandom(3);
        Set<Integer> sides = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            TransformConfig settings = jitter.pick(TransformConfig.torchvision(), random);
            sides.add(settings.minSize());
            assertThat(settings.maxSize()).isEqualTo(ScaleJitter.PAPER_MULTI_SCALE_MAX_SIZE);
            assertThat(settings.imageMean()).containsExactly(TransformConfig.imagenetMean());
        }
        assertThat(sides).containsExactlyInAnyOrder(480, 576, 688, 864, 1200);
        assertThat(ScaleJitter.paperSingleScale().pick(TransformConfig.torchvision(), random))
                .extracting(TransformConfig::minSize, TransformConfig::maxSize)
                .containsExactly(600, 1000);
        assertThatThrownBy(() -> new ScaleJitter(new int[0], 1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchesHoldOneAspectGroupAndAnEpochVisitsEveryImageOnce() {
        int images = 23;
        int[] widths = new int[images];
        int[] heights = new int[images];
        for (int i = 0; i < images; i++) {
            widths[i] = i % 3 == 0 ? 300 : 400;
            heights[i] = i % 3 == 0 ? 400 : 300;
        }
        AspectRatioGroupedBatches batches = new AspectRatioGroupedBatches(widths, heights, 4, 9);
        List<int[]> epoch = batches.epoch(0);
        List<Integer> seen = new ArrayList<>();
        int partial = 0;
        for (int[] batch : epoch) {
            assertThat(batch.length).isBetween(1, 4);
            partial += batch.length < 4 ? 1 : 0;
            boolean wide = batches.isWide(batch[0]);
            for (int index : batch) {
                assertThat(batches.isWide(index)).isEqualTo(wide);
                seen.add(index);
            }
        }
        assertThat(partial).isLessThanOrEqualTo(2);
        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, images).boxed().toList());
        assertThat(flatten(new AspectRatioGroupedBatches(widths, heights, 4, 9).epoch(0)))
                .isEqualTo(flatten(epoch));
        assertThat(flatten(batches.epoch(1))).isNotEqualTo(flatten(epoch));
    }

    @Test
    void batchesOfADatasetUseItsImageSizes() {
        Dataset dataset = new Dataset(
                Path.of("."),
                List.of(new Category(1, "a")),
                List.of(
                        new AnnotatedImage(1, "a", 10, 20, List.of()),
                        new AnnotatedImage(2, "b", 30, 20, List.of()),
                        new AnnotatedImage(3, "c", 20, 20, List.of())));
        AspectRatioGroupedBatches batches = AspectRatioGroupedBatches.of(dataset, 2, 0);
        assertThat(batches.isWide(0)).isFalse();
        assertThat(batches.isWide(1)).isTrue();
        assertThat(batches.isWide(2)).isTrue();
        assertThat(batches.epoch(0)).hasSize(2);
    }

    private static List<Integer> flatten(List<int[]> batches) {
        return batches.stream().flatMap(batch -> Arrays.stream(batch).boxed()).toList();
    }
}
