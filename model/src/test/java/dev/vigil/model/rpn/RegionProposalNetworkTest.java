package dev.vigil.model.rpn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.vigil.model.anchor.AnchorConfig;
import dev.vigil.model.backbone.BackboneRegistry;
import dev.vigil.model.backbone.ResNet50FpnSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionProposalNetworkTest {

    @Test
    void proposesBoxesInsideEachImageBestFirst() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegionProposalNetwork rpn = RegionProposalNetwork.create(
                    BackboneRegistry.get(ResNet50FpnSpec.NAME).defaultAnchors().toGenerator(),
                    8,
                    RpnConfig.torchvision().withTestTopN(100, 40));
            Shape[] shapes = {
                new Shape(2, 8, 16, 20),
                new Shape(2, 8, 8, 10),
                new Shape(2, 8, 4, 5),
                new Shape(2, 8, 2, 3),
                new Shape(2, 8, 1, 2)
            };
            rpn.initialize(m, DataType.FLOAT32, shapes);
            NDList features = new NDList();
            for (Shape s : shapes) {
                features.add(m.randomNormal(s));
            }
            List<int[]> sizes = List.of(new int[] {60, 80}, new int[] {64, 50});

            RegionProposalNetwork.RpnOutput out =
                    rpn.propose(new ParameterStore(m, false), features, 64, 80, sizes, false);

            assertThat(out.objectness().getShape()).isEqualTo(new Shape(2, 1284));
            assertThat(out.deltas().getShape()).isEqualTo(new Shape(2, 1284, 4));
            assertThat(out.anchorsPerLevel()).containsExactly(960L, 240L, 60L, 18L, 6L);
            for (int image = 0; image < 2; image++) {
                RegionProposals p = out.proposals().get(image);
                assertThat(p.count()).isBetween(1, 40);
                assertThat(p.scores()).isSortedAccordingTo((a, b) -> Float.compare(b, a));
                for (int i = 0; i < p.count(); i++) {
                    assertThat(p.boxes()[4 * i]).isBetween(0f, (float) sizes.get(image)[1]);
                    assertThat(p.boxes()[4 * i + 3]).isBetween(0f, (float) sizes.get(image)[0]);
                }
            }
        }
    }

    @Test
    void headParametersLiveUnderHead() {
        RegionProposalNetwork rpn =
                RegionProposalNetwork.create(AnchorConfig.paper().toGenerator(), 16, RpnConfig.paper());
        assertThat(rpn.getChildren().keys()).containsExactly("01head");
    }

    @Test
    void rejectsAFeatureCountOtherThanTheAnchorLevels() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegionProposalNetwork rpn =
                    RegionProposalNetwork.create(AnchorConfig.paper().toGenerator(), 4, RpnConfig.paper());
            rpn.initialize(m, DataType.FLOAT32, new Shape(1, 4, 5, 5));
            NDList two = new NDList(m.zeros(new Shape(1, 4, 5, 5)), m.zeros(new Shape(1, 4, 3, 3)));
            assertThatThrownBy(() ->
                            rpn.propose(new ParameterStore(m, false), two, 80, 80, List.of(new int[] {80, 80}), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 levels but 2 feature maps");
        }
    }
}
