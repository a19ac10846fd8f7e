package dev.vigil.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.io.StateDict;
import dev.vigil.model.io.StateDictLoader;
import dev.vigil.model.io.StateDictMismatchException;
import dev.vigil.model.io.TorchStateDictReader;
import dev.vigil.model.testing.BackbonePythonFixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each backbone, loaded with the state_dict of torchvision 0.14's own module (randomised weights and batch-norm
 * statistics), must expect exactly torchvision's keys and reproduce torchvision's feature maps.
 */
class BackboneParityTest {

    private static final float RELATIVE_TOLERANCE = 1e-4f;
    private static final float ABSOLUTE_TOLERANCE = 1e-5f;

    @TempDir
    static Path fixtures;

    private static NDManager manager;

    @BeforeAll
    static void writeTorchvisionReferences() {
        BackbonePythonFixtures.run("write_backbone_parity_fixtures.py", fixtures.toString());
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @Test
    void resnet50FpnMatchesTorchvision() throws IOException {
        BackboneWithFpn backbone = Backbones.resnet50Fpn();

        assertMatchesTorchvision("resnet50_fpn", backbone, TorchStateDictReader.read(file("resnet50_fpn.pth")));
        assertThat(backbone.featureMapNames()).containsExactly("0", "1", "2", "3", "pool");
        assertThat(backbone.outChannels()).isEqualTo(256);
    }

    @Test
    void mobileNetV3LargeFpnMatchesTorchvision() throws IOException {
        BackboneWithFpn backbone = Backbones.mobileNetV3LargeFpn();

        assertMatchesTorchvision(
                "mobilenet_v3_large_fpn", backbone, TorchStateDictReader.read(file("mobilenet_v3_large_fpn.pth")));
        assertThat(backbone.featureMapNames()).containsExactly("0", "1", "pool");
        assertThat(backbone.outChannels()).isEqualTo(256);
    }

    @Test
    void vgg16ConvBodyMatchesTorchvision() throws IOException {
        Vgg16ConvBody backbone = Backbones.vgg16();

        assertMatchesTorchvision("vgg16", backbone, TorchStateDictReader.read(file("vgg16.pth")));
        assertThat(backbone.featureMapNames()).containsExactly("0");
        assertThat(backbone.outChannels()).isEqualTo(512);
    }

    @Test
    void legacyFpnKeysLoadOnceUpgraded() throws IOException {
        StateDict legacy = TorchStateDictReader.read(file("mobilenet_v3_large_fpn_legacy.pth"));
        BackboneWithFpn backbone = Backbones.mobileNetV3LargeFpn();
        backbone.initialize(manager, DataType.FLOAT32, inputShape(reference("mobilenet_v3_large_fpn")));

        assertThatThrownBy(() -> StateDictLoader.strict().load(backbone, legacy))
                .isInstanceOfSatisfying(StateDictMismatchException.class, e -> {
                    assertThat(e.missing()).contains("fpn.inner_blocks.0.0.weight", "fpn.layer_blocks.1.0.bias");
                    assertThat(e.unexpected()).contains("fpn.inner_blocks.0.weight", "fpn.layer_blocks.1.bias");
                });
        assertMatchesTorchvision(
                "mobilenet_v3_large_fpn", backbone, FeaturePyramidNetwork.upgradeLegacyKeys(legacy, "fpn"));
    }

    private static void assertMatchesTorchvision(String name, DetectionBackbone backbone, StateDict stateDict)
            throws IOException {
        JsonNode reference = reference(name);
        Shape inputShape = inputShape(reference);
        if (!backbone.isInitialized()) {
            backbone.initialize(manager, DataType.FLOAT32, inputShape);
        }

        assertThat(shapesOf(StateDictLoader.expectedKeys(backbone)))
                .as("state_dict keys and shapes of " + name)
                .containsExactlyEntriesOf(referenceKeys(reference));
        StateDictLoader.strict().load(backbone, stateDict);

        JsonNode outputs = reference.get("outputs");
        List<String> names = new ArrayList<>();
        outputs.forEach(output -> names.add(output.get("name").asText()));
        assertThat(backbone.featureMapNames()).isEqualTo(names);
        Shape[] predictedShapes = backbone.getOutputShapes(new Shape[] {inputShape});
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(readFloats(name + "_input.f32"), inputShape);
            NDList features = backbone.forward(new ParameterStore(scope, false), new NDList(input), false);
            assertThat(features).hasSize(outputs.size());
            for (int i = 0; i < outputs.size(); i++) {
                JsonNode output = outputs.get(i);
                Shape expectedShape = new Shape(longs(output.get("shape")));
                String label = name + " feature map " + output.get("name").asText();
                assertThat(features.get(i).getShape()).as(label).isEqualTo(expectedShape);
                assertThat(predictedShapes[i]).as(label + " predicted shape").isEqualTo(expectedShape);
                assertClose(
                        label,
                        features.get(i).toFloatArray(),
                        readFloats(output.get("file").asText()));
            }
        }
    }

    private static void assertClose(String label, float[] actual, float[] expected) {
        float maxReference = 0;
        float maxDifference = 0;
        for (int i = 0; i < expected.length; i++) {
            maxReference = Math.max(maxReference, Math.abs(expected[i]));
            maxDifference = Math.max(maxDifference, Math.abs(actual[i] - expected[i]));
        }
        assertThat(actual).as(label).hasSameSizeAs(expected);
        assertThat(maxReference).as(label + " is not trivially zero").isGreaterThan(0f);
        assertThat(maxDifference)
                .as(label + " max |java - torch| (max |torch| = " + maxReference + ")")
                .isLessThanOrEqualTo(RELATIVE_TOLERANCE * maxReference + ABSOLUTE_TOLERANCE);
    }

    private static Map<String, List<Long>> shapesOf(Map<String, Shape> keys) {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        keys.forEach((key, shape) -> shapes.put(key, boxed(shape.getShape())));
        return shapes;
    }

    private static Map<String, List<Long>> referenceKeys(JsonNode reference) {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        reference.get("keys").fields().forEachRemaining(e -> shapes.put(e.getKey(), boxed(longs(e.getValue()))));
        return shapes;
    }

    private static List<Long> boxed(long[] values) {
        List<Long> list = new ArrayList<>();
        for (long value : values) {
            list.add(value);
        }
        return list;
    }

    private static JsonNode reference(String name) throws IOException {
        return new ObjectMapper().readTree(file(name + ".json").toFile());
    }

    private static Shape inputShape(JsonNode reference) {
        return new Shape(longs(reference.get("input")));
    }

    private static Path file(String name) {
        return fixtures.resolve(name);
    }

    private static float[] readFloats(String fileName) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file(fileName))).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }
}
