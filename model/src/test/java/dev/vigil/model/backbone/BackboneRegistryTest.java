package dev.vigil.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every built-in backbone's description agrees with the module it builds. */
class BackboneRegistryTest {

    /** Divisible by every stride, so each map's size is the image's divided by its stride. */
    private static final int PROBE = 256;

    @ParameterizedTest
    @ValueSource(
            strings = {
                ResNet50FpnSpec.NAME,
                MobileNetV3LargeFpnSpec.NAME,
                Vgg16Spec.NAME,
                VggCompactSpec.NAME,
                VggCompactSpec.BATCH_NORM_NAME
            })
    void theFeatureMapsAndStridesAreTheModulesOwn(String name) {
        BackboneSpec spec = BackboneRegistry.get(name);
        DetectionBackbone backbone = spec.build();
        assertThat(backbone.featureMapNames())
                .containsExactlyElementsOf(
                        spec.featureMaps().stream().map(FeatureMap::name).toList());
        assertThat(spec.defaultAnchors().levels()).isEqualTo(spec.featureMaps().size());
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape input = new Shape(1, 3, PROBE, PROBE);
            backbone.initialize(manager, DataType.FLOAT32, input);
            Shape[] outputs = backbone.getOutputShapes(new Shape[] {input});
            assertThat(outputs).hasSameSizeAs(spec.featureMaps().toArray());
            for (int i = 0; i < outputs.length; i++) {
                int stride = spec.featureMaps().get(i).stride();
                assertThat(outputs[i].get(2))
                        .as("height of map %s", spec.featureMaps().get(i).name())
                        .isEqualTo(PROBE / stride);
                assertThat(outputs[i].get(1)).isEqualTo(backbone.outChannels());
            }
        }
    }

    @Test
    void torchvisionsRoiPoolingSkipsTheExtraPoolLevel() {
        assertThat(BackboneRegistry.get(ResNet50FpnSpec.NAME).roiFeatureMaps()).containsExactly("0", "1", "2", "3");
        assertThat(BackboneRegistry.get(MobileNetV3LargeFpnSpec.NAME).roiFeatureMaps())
                .containsExactly("0", "1");
        assertThat(BackboneRegistry.get(Vgg16Spec.NAME).roiFeatureMaps()).containsExactly("0");
    }

    @Test
    void unknownNamesAreRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> BackboneRegistry.get("RESNET9000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RESNET9000")
                .hasMessageContaining(ResNet50FpnSpec.NAME)
                .hasMessageContaining(VggCompactSpec.BATCH_NORM_NAME);
        assertThat(BackboneRegistry.names()).startsWith(ResNet50FpnSpec.NAME);
    }

    @Test
    void aNameCannotBeTakenByAnotherKindOfBackbone() {
        BackboneSpec impostor = new BackboneSpec() {
            @Override
            public String name() {
                return Vgg16Spec.NAME;
            }

            @Override
            public DetectionBackbone build() {
                return Backbones.vggCompact();
            }

            @Override
            public List<FeatureMap> featureMaps() {
                return List.of(new FeatureMap("0", 16));
            }

            @Override
            public dev.vigil.model.anchor.AnchorConfig defaultAnchors() {
                return dev.vigil.model.anchor.AnchorConfig.paper();
            }

            @Override
            public List<String> frozenLayers(int trainableLayers) {
                return List.of();
            }
        };
        assertThatThrownBy(() -> BackboneRegistry.register(impostor)).hasMessageContaining(Vgg16Spec.NAME);
        assertThat(BackboneRegistry.get(Vgg16Spec.NAME)).isInstanceOf(Vgg16Spec.class);
    }
}
