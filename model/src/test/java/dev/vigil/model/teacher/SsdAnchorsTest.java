package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Anchors against values worked out by hand from the TF Object Detection API's {@code create_ssd_anchors}: layer
 * scales 0.2, 0.35, 0.5, 0.65, 0.8, 0.95 (then 1), an anchor of scale s and ratio r is s·√r wide and s/√r high.
 */
class SsdAnchorsTest {

    private static final Offset<Float> EPS = within(1e-6f);
    private static final SsdAnchors ANCHORS = SsdAnchors.generate(SsdAnchorConfig.mobileNetV2());
    /** Anchors of the first layer: 19·19 cells × 3. */
    private static final int FIRST_LAYER = 19 * 19 * 3;

    @Test
    void mobileNetV2HasTheModelsAnchorCount() {
        // 19²·3 + (10² + 5² + 3² + 2² + 1²)·6
        assertThat(ANCHORS.count()).isEqualTo(1083 + 139 * 6).isEqualTo(1917);
    }

    @Test
    void firstCellOfTheLowestLayerHasTheThreeReducedAnchors() {
        float centre = 0.5f / 19;
        float root2 = (float) Math.sqrt(2);
        float[][] expected = {
            {centre, centre, 0.1f, 0.1f}, // (0.1, 1)
            {centre, centre, 0.2f / root2, 0.2f * root2}, // (0.2, 2): 0.141421 high, 0.282843 wide
            {centre, centre, 0.2f * root2, 0.2f / root2}, // (0.2, 0.5)
        };
        for (int a = 0; a < expected.length; a++) {
            assertAnchor(a, expected[a]);
        }
        assertThat(ANCHORS.height(1)).isCloseTo(0.141421f, EPS);
        assertThat(ANCHORS.width(1)).isCloseTo(0.282843f, EPS);
    }

    @Test
    void lowestLayerRunsAlongRowsThenDownColumns() {
        // second cell of the first row: x moves, y stays
        assertAnchor(3, new float[] {0.5f / 19, 1.5f / 19, 0.1f, 0.1f});
        // first cell of the second row
        assertAnchor(19 * 3, new float[] {1.5f / 19, 0.5f / 19, 0.1f, 0.1f});
        // last cell of the layer, its third anchor
        assertAnchor(
                FIRST_LAYER - 1,
                new float[] {18.5f / 19, 18.5f / 19, 0.2f * (float) Math.sqrt(2), 0.2f / (float) Math.sqrt(2)});
    }

    @Test
    void secondLayerHasFiveRatiosAndTheInterpolatedScale() {
        double scale = 0.35;
        double next = 0.5;
        float centre = 0.5f / 10;
        double[] ratios = {1, 2, 0.5, 3, 1.0 / 3};
        for (int r = 0; r < ratios.length; r++) {
            double root = Math.sqrt(ratios[r]);
            assertAnchor(FIRST_LAYER + r, new float[] {centre, centre, (float) (scale / root), (float) (scale * root)});
        }
        float interpolated = (float) Math.sqrt(scale * next); // 0.418330
        assertAnchor(FIRST_LAYER + 5, new float[] {centre, centre, interpolated, interpolated});
        assertThat(interpolated).isCloseTo(0.418330f, EPS);
    }

    @Test
    void lastLayerIsOneCellWhoseInterpolatedScaleReachesOne() {
        int last = ANCHORS.count() - 1;
        float interpolated = (float) Math.sqrt(0.95 * 1.0);
        assertAnchor(last, new float[] {0.5f, 0.5f, interpolated, interpolated});
        assertAnchor(last - 5, new float[] {0.5f, 0.5f, 0.95f, 0.95f});
    }

    @Test
    void withoutReductionOrInterpolationEveryLayerHasOneAnchorPerRatio() {
        SsdAnchorConfig config = new SsdAnchorConfig(new int[] {2, 1}, 0.3f, 0.6f, new float[] {1f, 4f}, 0f, false);
        SsdAnchors anchors = SsdAnchors.generate(config);
        assertThat(anchors.count()).isEqualTo(2 * 2 * 2 + 2);
        assertThat(anchors.height(0)).isCloseTo(0.3f, EPS);
        assertThat(anchors.width(1)).isCloseTo(0.6f, EPS); // 0.3·√4
        assertThat(anchors.height(1)).isCloseTo(0.15f, EPS);
        assertThat(anchors.height(8)).isCloseTo(0.6f, EPS);
        assertThat(anchors.yCentre(8)).isEqualTo(0.5f);
    }

    @Test
    void refusesConfigsThatMakeNoAnchors() {
        assertThatThrownBy(() -> new SsdAnchorConfig(new int[] {19}, 0.2f, 0.95f, new float[] {1f}, 1f, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 feature maps");
        assertThatThrownBy(() -> new SsdAnchorConfig(new int[] {19, 0}, 0.2f, 0.95f, new float[] {1f}, 1f, true))
                .hasMessageContaining("feature map sizes must be positive");
        assertThatThrownBy(() -> new SsdAnchorConfig(new int[] {2, 1}, 0.5f, 0.2f, new float[] {1f}, 1f, true))
                .hasMessageContaining("minScale <= maxScale");
        assertThatThrownBy(() -> new SsdAnchorConfig(new int[] {2, 1}, 0.2f, 0.9f, new float[] {-1f}, 1f, true))
                .hasMessageContaining("aspect ratios must be positive");
    }

    private static void assertAnchor(int anchor, float[] yxhw) {
        assertThat(new float[] {
                    ANCHORS.yCentre(anchor), ANCHORS.xCentre(anchor), ANCHORS.height(anchor), ANCHORS.width(anchor)
                })
                .as("anchor %d (y, x, h, w)", anchor)
                .containsExactly(yxhw, EPS);
    }
}
