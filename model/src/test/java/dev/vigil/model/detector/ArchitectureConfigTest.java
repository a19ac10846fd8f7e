package dev.vigil.model.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.io.StateDictLoader;
import dev.vigil.model.testing.SampleFootage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchitectureConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(
            strings = {
                ArchitectureConfig.RESNET50_FPN,
                ArchitectureConfig.MOBILENET_V3_LARGE_FPN,
                ArchitectureConfig.VGG16
            })
    void everyArchitectureSurvivesJson(String arch) throws Exception {
        String json = JSON.writeValueAsString(ArchitectureConfig.forArch(arch));
        ArchitectureConfig read = JSON.readValue(json, ArchitectureConfig.class);
        assertThat(JSON.writeValueAsString(read)).isEqualTo(json);
        assertThat(read.arch()).isEqualTo(arch);
    }

    @Test
    void headsHaveTheShapesOfTorchvisionAndOfThePaper() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Shape> resnet =
                    StateDictLoader.expectedKeys(FasterRcnn.initialized(ArchitectureConfig.resnet50Fpn(), manager));
            assertThat(resnet.get("roi_heads.box_head.fc6.weight")).isEqualTo(new Shape(1024, 256 * 7 * 7));
            assertThat(resnet.get("roi_heads.box_predictor.bbox_pred.weight")).isEqualTo(new Shape(4 * 91, 1024));
            assertThat(resnet.get("rpn.head.cls_logits.weight")).isEqualTo(new Shape(3, 256, 1, 1));

            Map<String, Shape> vgg =
                    StateDictLoader.expectedKeys(FasterRcnn.initialized(ArchitectureConfig.vgg16(), manager));
            assertThat(vgg.get("roi_heads.box_head.fc6.weight")).isEqualTo(new Shape(4096, 512 * 7 * 7));
            assertThat(vgg.get("roi_heads.box_head.fc7.weight")).isEqualTo(new Shape(4096, 4096));
            assertThat(vgg.get("rpn.head.cls_logits.weight")).isEqualTo(new Shape(9, 512, 1, 1));
        }
    }

    @Test
    void theShippedModelsConfigReadsAndWritesBackUnchanged() throws Exception {
        Path shipped = SampleFootage.REPO.resolve("models/vigil-default").resolve(ModelArtifact.CONFIG);
        ArchitectureConfig read = JSON.readValue(shipped.toFile(), ArchitectureConfig.class);
        assertThat(JSON.writeValueAsString(read)).isEqualTo(JSON.writeValueAsString(ArchitectureConfig.compact(3)));
        assertThat(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(read))
                .isEqualToIgnoringWhitespace(Files.readString(shipped));
    }

    @Test
    void unknownArchitecturesAreRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> ArchitectureConfig.forArch("yolo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yolo")
                .hasMessageContaining(ArchitectureConfig.RESNET50_FPN);
    }
}
