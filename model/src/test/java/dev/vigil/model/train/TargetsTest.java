package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.image.ImageSize;
import dev.vigil.model.rpn.RpnConfig;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The paper's anchor labelling (3.1.2) and Fast R-CNN's RoI sampling on hand-made boxes. */
class TargetsTest {

    @Test
    void matcherLabelsByThresholdsAndKeepsEachGroundTruthsBestPrediction() {
        // 2 ground truths × 4 predictions
        float[] iou = {
            0.80f, 0.50f, 0.10f, 0.00f,
            0.00f, 0.20f, 0.45f, 0.25f
        };
        int[] strict = new IouMatcher(0.7, 0.3, false).match(iou, 2);
        assertThat(strict).containsExactly(0, IouMatcher.BETWEEN, IouMatcher.BETWEEN, IouMatcher.BELOW_LOW);
        int[] withBest = new IouMatcher(0.7, 0.3, true).match(iou, 2);
        // prediction 2 is ground truth 1's best (0.45): positive despite being below 0.7
        assertThat(withBest).containsExactly(0, IouMatcher.BETWEEN, 1, IouMatcher.BELOW_LOW);
    }

    @Test
    void anchorsCrossingTheBorderAreIgnoredAsThePaperSays() {
        float[] anchors = {
            0, 0, 10, 10, // = the ground truth: positive
            5, 5, 15, 15, // IoU 25/175: negative
            30, 30, 40, 40, // no overlap: negative
            -8, 0, 2, 10
        }; // IoU 20/180 but crosses the left border
        float[] groundTruth = {0, 0, 10, 10};
        ImageSize image = new ImageSize(50, 50);
        AnchorTargets paper = new AnchorTargets(RpnConfig.torchvision(), AnchorTargets.PAPER_CROSS_BOUNDARY);
        AnchorTargets.ImageTargets t = paper.assign(anchors, groundTruth, image, new Random(1));
        assertThat(t.sample().positives()).containsExactly(0);
        assertThat(t.sample().negatives()).containsExactlyInAnyOrder(1, 2);
        assertThat(t.matchedBoxes()).containsExactly(0, 0, 10, 10);
        AnchorTargets torchvision = new AnchorTargets(RpnConfig.torchvision(), AnchorTargets.KEEP_CROSS_BOUNDARY);
        assertThat(torchvision
                        .assign(anchors, groundTruth, image, new Random(1))
                        .sample()
                        .negatives())
                .containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void anImageWithoutBoxesHasOnlyNegatives() {
        float[] anchors = {0, 0, 10, 10, 20, 20, 30, 30};
        AnchorTargets.ImageTargets t = new AnchorTargets(RpnConfig.torchvision(), AnchorTargets.KEEP_CROSS_BOUNDARY)
                .assign(anchors, new float[0], new ImageSize(40, 40), new Random(1));
        assertThat(t.sample().positives()).isEmpty();
        assertThat(t.sample().negatives()).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void samplerTakesAtMostTheFractionOfPositivesAndFillsWithNegatives() {
        int[] positives = new int[300];
        int[] negatives = new int[1000];
        for (int i = 0; i < positives.length; i++) {
            positives[i] = i;
        }
        for (int i = 0; i < negatives.length; i++) {
            negatives[i] = 1000 + i;
        }
        BalancedSampler.Sample sample = new BalancedSampler(256, 0.5).sample(positives, negatives, new Random(3));
        assertThat(sample.positives()).hasSize(128).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(sample.positives()).allMatch(i -> i < 300))
                .isTrue();
        assertThat(sample.negatives()).hasSize(128).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(sample.negatives()).allMatch(i -> i >= 1000))
                .isTrue();
        BalancedSampler.Sample few = new BalancedSampler(256, 0.5).sample(new int[] {7}, negatives, new Random(3));
        assertThat(few.positives()).containsExactly(7);
        assertThat(few.negatives()).hasSize(255);
    }

    @Test
    void roiSamplingLabelsForegroundWithItsClassAndIgnoresBelowTheBackgroundFloor() {
        float[] groundTruth = {0, 0, 10, 10, 50, 50, 70, 70};
        int[] classes = {2, 5};
        float[] proposals = {
            0, 0, 10, 9, // IoU 0.9 with box 0: class 2
            50, 50, 70, 69, // IoU 0.95 with box 1: class 5
            0, 0, 10, 30, // IoU 1/3 with box 0: background
            90, 90, 99, 99
        }; // IoU 0: background for torchvision, ignored below the paper's 0.1
        RoiTargets.RoiSample torchvision = new RoiTargets(RoiSamplingSettings.torchvision())
                .sample(proposals, groundTruth, classes, new Random(1));
        // 4 foreground (2 proposals + 2 ground truths added), 2 background
        assertThat(torchvision.size()).isEqualTo(6);
        assertThat(torchvision.foreground()).isEqualTo(4);
        assertThat(torchvision.classes()).containsOnly(0, 2, 5);
        RoiTargets.RoiSample paper =
                new RoiTargets(RoiSamplingSettings.paper()).sample(proposals, groundTruth, classes, new Random(1));
        assertThat(paper.size()).isEqualTo(5);
        for (int i = 0; i < paper.size(); i++) {
            if (paper.classes()[i] > 0) {
                int box = paper.classes()[i] == 2 ? 0 : 1;
                assertThat(java.util.Arrays.copyOfRange(paper.matchedBoxes(), i * 4, i * 4 + 4))
                        .containsExactly(java.util.Arrays.copyOfRange(groundTruth, box * 4, box * 4 + 4));
            }
        }
    }

    @Test
    void anchorsInsideAnIgnoreRegionAreNeverNegatives() {
        float[] anchors = {
            0, 0, 10, 10, // = the ground truth: positive
            30, 30, 40, 40, // far from everything: negative
            60, 60, 70, 70, // wholly inside the ignore region: neither
            50, 50, 70, 70, // 225/400 of it inside: neither
            45, 45, 65, 65, // 100/400 inside: still a negative
            56, 56, 76, 76 // IoU 1 with nothing, inside: neither, even with no ground truth
        };
        float[] groundTruth = {0, 0, 10, 10};
        float[] ignore = {55, 55, 80, 80};
        ImageSize image = new ImageSize(100, 100);
        AnchorTargets targets = new AnchorTargets(RpnConfig.torchvision(), AnchorTargets.KEEP_CROSS_BOUNDARY);
        AnchorTargets.ImageTargets t = targets.assign(anchors, groundTruth, ignore, image, new Random(1));
        assertThat(t.sample().positives()).containsExactly(0);
        assertThat(t.sample().negatives()).containsExactlyInAnyOrder(1, 4);
        assertThat(targets.assign(anchors, new float[0], ignore, image, new Random(1))
                        .sample()
                        .negatives())
                .containsExactlyInAnyOrder(0, 1, 4);
        assertThat(targets.assign(anchors, groundTruth, image, new Random(1))
                        .sample()
                        .negatives())
                .as("without the region they are negatives")
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void proposalsInsideAnIgnoreRegionAreNeverBackground() {
        float[] groundTruth = {0, 0, 10, 10};
        int[] classes = {1};
        float[] proposals = {
            0, 0, 10, 9, // foreground
            60, 60, 70, 70, // inside the ignore region
            20, 20, 30, 30 // background
        };
        float[] ignore = {55, 55, 80, 80};
        RoiSamplingSettings settings = RoiSamplingSettings.torchvision();
        RoiTargets.RoiSample withRegion =
                new RoiTargets(settings).sample(proposals, groundTruth, classes, ignore, new Random(1));
        RoiTargets.RoiSample without = new RoiTargets(settings).sample(proposals, groundTruth, classes, new Random(1));
        assertThat(without.size() - without.foreground()).isEqualTo(2);
        assertThat(withRegion.size() - withRegion.foreground()).isEqualTo(1);
        float[] background = java.util.Arrays.copyOfRange(
                withRegion.rois(), withRegion.foreground() * 4, withRegion.foreground() * 4 + 4);
        assertThat(background).containsExactly(20, 20, 30, 30);
    }
}
