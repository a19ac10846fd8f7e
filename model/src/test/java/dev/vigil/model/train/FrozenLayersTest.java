package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.FasterRcnn;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frozen layers name real parameters, as torchvision's trainable_backbone_layers would choose them. */
class FrozenLayersTest {

    @Test
    void mobileNetWithThreeTrainableLayersFreezesTheStemAndTheFirstStages() {
        List<String> frozen = FrozenLayers.forArchitecture(ArchitectureConfig.mobileNetV3LargeFpn(), 3);
        // torchvision: stage_indices [0, 2, 4, 7, 13, 16]; 3 trainable → freeze modules before index 7
        assertThat(frozen)
                .containsExactly(
                        "backbone.body.0.",
                        "backbone.body.1.",
                        "backbone.body.2.",
                        "backbone.body.3.",
                        "backbone.body.4.",
                        "backbone.body.5.",
                        "backbone.body.6.");
        assertThat(FrozenLayers.forArchitecture(ArchitectureConfig.mobileNetV3LargeFpn(), 0))
                .hasSize(17);
        assertThat(FrozenLayers.forArchitecture(ArchitectureConfig.mobileNetV3LargeFpn(), 6))
                .isEmpty();
    }

    @Test
    void resnetWithThreeTrainableLayersFreezesConv1AndLayer1() {
        assertThat(FrozenLayers.forArchitecture(ArchitectureConfig.resnet50Fpn(), 3))
                .containsExactlyInAnyOrder("backbone.body.conv1.", "backbone.body.layer1.", "backbone.body.bn1.");
        assertThat(FrozenLayers.forArchitecture(ArchitectureConfig.resnet50Fpn(), 5))
                .isEmpty();
    }

    @Test
    void theFrozenVggLayersAreTrainedByNoStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            FasterRcnn model = FasterRcnn.initialized(ArchitectureConfig.vgg16(), manager);
            TrainableParameters trainable =
                    TrainableParameters.select(model, List.of(""), FrozenLayers.defaults(ArchitectureConfig.vgg16()));
            assertThat(trainable.byKey())
                    .doesNotContainKeys("backbone.features.0.weight", "backbone.features.7.bias")
                    .containsKeys("backbone.features.10.weight", "rpn.head.cls_logits.weight");
            assertThat(model.getParameters().stream()
                            .filter(p -> p.getKey().contains("features"))
                            .count())
                    .isPositive();
        }
    }
}
