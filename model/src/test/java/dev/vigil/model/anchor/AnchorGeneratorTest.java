package dev.vigil.model.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.backbone.BackboneRegistry;
import dev.vigil.model.backbone.MobileNetV3LargeFpnSpec;
import dev.vigil.model.backbone.ResNet50FpnSpec;
import dev.vigil.model.testing.TorchvisionGolden;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnchorGeneratorTest {

    @Test
    void paperCellAnchorsFollowAreaAndRatio() {
        float[] cell = AnchorConfig.paper().toGenerator().cellAnchors(0);
        assertThat(cell).hasSize(9 * 4);
        int k = 0;
        for (float ratio : AnchorConfig.PAPER_ASPECT_RATIOS) {
            for (float size : AnchorConfig.PAPER_SIZES) {
                // The paper: area size², height / width = ratio, centred on the location; torchvision rounds.
                double w = size / Math.sqrt(ratio);
                double h = size * Math.sqrt(ratio);
                assertThat(cell[4 * k]).isEqualTo((float) Math.rint(-w / 2));
                assertThat(cell[4 * k + 1]).isEqualTo((float) Math.rint(-h / 2));
                assertThat(cell[4 * k + 2]).isEqualTo((float) Math.rint(w / 2));
                assertThat(cell[4 * k + 3]).isEqualTo((float) Math.rint(h / 2));
                k++;
            }
        }
    }

    @Test
    void countIsHeightTimesWidthTimesAnchorsPerLocation() {
        AnchorGenerator paper = AnchorConfig.paper().toGenerator();
        List<int[]> grid = List.of(new int[] {37, 62});
        float[] anchors = paper.anchors(600, 1000, grid);
        assertThat(anchors).hasSize(37 * 62 * 9 * 4);
        assertThat(paper.numAnchorsPerLevel(grid)).containsExactly(37L * 62 * 9);
    }

    @Test
    void anchorsAreCellAnchorsShiftedByTheStrideLocationMajor() {
        AnchorGenerator paper = AnchorConfig.paper().toGenerator();
        float[] cell = paper.cellAnchors(0);
        // 600 // 37 = 16 = the paper's stride.
        float[] anchors = paper.anchors(600, 1000, List.of(new int[] {37, 62}));
        int y = 5;
        int x = 11;
        int a = 7;
        int row = ((y * 62) + x) * 9 + a;
        int s = AnchorGenerator.PAPER_STRIDE;
        assertThat(new float[] {anchors[4 * row], anchors[4 * row + 1], anchors[4 * row + 2], anchors[4 * row + 3]})
                .containsExactly(
                        cell[4 * a] + x * s, cell[4 * a + 1] + y * s, cell[4 * a + 2] + x * s, cell[4 * a + 3] + y * s);
    }

    @Test
    void strideIsImageSizeFloorDividedByFeatureSizePerAxis() {
        AnchorGenerator single = new AnchorGenerator(List.of(new float[] {10}), List.of(new float[] {1}));
        float[] anchors = single.anchors(100, 64, List.of(new int[] {7, 5}));
        // Location (y = 1, x = 1): strides 100 // 7 = 14 and 64 // 5 = 12.
        int row = 5 + 1;
        assertThat(anchors[4 * row]).isEqualTo(-5 + 12f);
        assertThat(anchors[4 * row + 1]).isEqualTo(-5 + 14f);
    }

    @Test
    void fpnFactoriesMatchTorchvisionBitForBit() {
        List<int[]> fpnGrids =
                List.of(new int[] {16, 20}, new int[] {8, 10}, new int[] {4, 5}, new int[] {2, 3}, new int[] {1, 2});
        assertThat(BackboneRegistry.get(ResNet50FpnSpec.NAME)
                        .defaultAnchors()
                        .toGenerator()
                        .anchors(64, 80, fpnGrids))
                .containsExactly(TorchvisionGolden.floats("fpn_anchors"));
        List<int[]> mobileGrids = List.of(new int[] {4, 5}, new int[] {2, 3}, new int[] {2, 3});
        AnchorGenerator mobile = BackboneRegistry.get(MobileNetV3LargeFpnSpec.NAME)
                .defaultAnchors()
                .toGenerator();
        assertThat(mobile.anchorsPerLocation()).containsExactly(15, 15, 15);
        assertThat(mobile.anchors(100, 130, mobileGrids)).containsExactly(TorchvisionGolden.floats("mobile_anchors"));
    }

    @Test
    void rejectsMismatchedLevels() {
        assertThatThrownBy(() -> BackboneRegistry.get(ResNet50FpnSpec.NAME)
                        .defaultAnchors()
                        .toGenerator()
                        .anchors(64, 80, List.of(new int[] {16, 20})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 5 feature map sizes");
        assertThatThrownBy(() -> new AnchorGenerator(List.of(new float[] {-1}), List.of(new float[] {1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sizes[0]");
    }
}
