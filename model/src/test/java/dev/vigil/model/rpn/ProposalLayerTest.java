package dev.vigil.model.rpn;

import static dev.vigil.model.testing.TorchvisionGolden.dims;
import static dev.vigil.model.testing.TorchvisionGolden.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.anchor.AnchorGenerator;
import dev.vigil.model.backbone.BackboneRegistry;
import dev.vigil.model.backbone.ResNet50FpnSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProposalLayerTest {

    private static final List<int[]> GRIDS =
            List.of(new int[] {16, 20}, new int[] {8, 10}, new int[] {4, 5}, new int[] {2, 3}, new int[] {1, 2});

    private static RpnConfig config(int preNmsTest, int postNmsTest) {
        return RpnConfig.torchvision().withTestTopN(preNmsTest, postNmsTest);
    }

    @Test
    void layoutMatchesTorchvisionConcatBoxPredictionLayers() {
        try (NDManager m = NDManager.newBaseManager()) {
            List<NDArray> objectness = new ArrayList<>();
            List<NDArray> deltas = new ArrayList<>();
            for (int level = 0; level < GRIDS.size(); level++) {
                objectness.add(golden(m, "rpn_objectness_" + level));
                deltas.add(golden(m, "rpn_deltas_" + level));
            }
            NDArray flatObjectness = RpnPredictionLayout.concatObjectness(objectness);
            NDArray flatDeltas = RpnPredictionLayout.concatDeltas(deltas);
            assertThat(flatObjectness.getShape()).isEqualTo(new Shape(dims("rpn_objectness_flat")));
            assertThat(flatObjectness.toFloatArray()).containsExactly(floats("rpn_objectness_flat"));
            assertThat(flatDeltas.getShape()).isEqualTo(new Shape(dims("rpn_deltas_flat")));
            assertThat(flatDeltas.toFloatArray()).containsExactly(floats("rpn_deltas_flat"));
        }
    }

    @Test
    void proposalsMatchTorchvisionFilterProposals() {
        AnchorGenerator generator =
                BackboneRegistry.get(ResNet50FpnSpec.NAME).defaultAnchors().toGenerator();
        try (NDManager m = NDManager.newBaseManager()) {
            ProposalLayer layer = new ProposalLayer(config(50, 30));
            List<RegionProposals> proposals = layer.propose(
                    golden(m, "rpn_objectness_flat"),
                    golden(m, "rpn_deltas_flat"),
                    generator.anchors(m, 64, 80, GRIDS),
                    generator.numAnchorsPerLevel(GRIDS),
                    List.of(new int[] {60, 80}, new int[] {64, 70}),
                    false);
            for (int image = 0; image < 2; image++) {
                RegionProposals p = proposals.get(image);
                assertClose(p.boxes(), floats("rpn_boxes_" + image), 1e-4f);
                assertClose(p.scores(), floats("rpn_scores_" + image), 1e-6f);
            }
        }
    }

    @Test
    void keepsPreNmsTopNPerLevelThenPostNmsTopNPerImage() {
        // Two levels of 4 anchors each; level 1 repeats level 0's boxes, so NMS per level keeps both copies.
        float[] anchors = {0, 0, 10, 10, 20, 0, 30, 10, 0, 20, 10, 30, 20, 20, 30, 30};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray allAnchors = m.create(anchors, new Shape(4, 4)).concat(m.create(anchors, new Shape(4, 4)));
            NDArray objectness = m.create(new float[] {4, 3, 2, 1, 1.5f, 2.5f, 3.5f, 0.5f}, new Shape(1, 8));
            NDArray deltas = m.zeros(new Shape(1, 8, 4));
            List<int[]> size = List.of(new int[] {40, 40});

            RegionProposals top = new ProposalLayer(config(2, 100))
                    .propose(objectness, deltas, allAnchors, new long[] {4, 4}, size, false)
                    .get(0);
            // Per level the 2 best: level 0 anchors 0 (4), 1 (3); level 1 anchors 2 (3.5), 1 (2.5); by score.
            assertThat(top.boxes()).containsExactly(0, 0, 10, 10, 0, 20, 10, 30, 20, 0, 30, 10, 20, 0, 30, 10);
            assertThat(top.scores()[0]).isCloseTo((float) (1 / (1 + Math.exp(-4))), within(1e-6f));

            RegionProposals capped = new ProposalLayer(config(4, 3))
                    .propose(objectness, deltas, allAnchors, new long[] {4, 4}, size, false)
                    .get(0);
            assertThat(capped.count()).isEqualTo(3);
            assertThat(capped.scores()).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        }
    }

    @Test
    void clipsToTheImageAndDropsBoxesThatBecomeEmpty() {
        float[] anchors = {-10, -10, 10, 10, 50, 50, 60, 60};
        try (NDManager m = NDManager.newBaseManager()) {
            RegionProposals p = new ProposalLayer(config(10, 10))
                    .propose(
                            m.create(new float[] {1, 2}, new Shape(1, 2)),
                            m.zeros(new Shape(1, 2, 4)),
                            m.create(anchors, new Shape(2, 4)),
                            new long[] {2},
                            List.of(new int[] {30, 40}),
                            false)
                    .get(0);
            // The second anchor lies outside the 30×40 image: clipped to zero width, then removed.
            assertThat(p.boxes()).containsExactly(0, 0, 10, 10);
        }
    }

    @Test
    void rejectsInconsistentShapes() {
        try (NDManager m = NDManager.newBaseManager()) {
            ProposalLayer layer = new ProposalLayer(RpnConfig.torchvision());
            assertThatThrownBy(() -> layer.propose(
                            m.zeros(new Shape(1, 5)),
                            m.zeros(new Shape(1, 5, 4)),
                            m.zeros(new Shape(5, 4)),
                            new long[] {4},
                            List.of(new int[] {10, 10}),
                            false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("anchorsPerLevel");
        }
    }

    @Test
    void paperConfigUses300TestProposals() {
        assertThat(RpnConfig.paper().postNmsTopN(false)).isEqualTo(300);
        assertThat(RpnConfig.torchvision().preNmsTopN(true)).isEqualTo(2000);
        assertThat(RpnConfig.torchvision().postNmsTopN(false)).isEqualTo(1000);
    }

    private static NDArray golden(NDManager m, String name) {
        return m.create(floats(name), new Shape(dims(name)));
    }

    private static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("value %d", i).isCloseTo(expected[i], within(tolerance));
        }
    }
}
