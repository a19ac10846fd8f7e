package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.anchor.AnchorConfig;
import dev.vigil.model.backbone.ActivationBlock;
import dev.vigil.model.backbone.BackboneRegistry;
import dev.vigil.model.backbone.BackboneSpec;
import dev.vigil.model.backbone.DetectionBackbone;
import dev.vigil.model.backbone.FeatureMap;
import dev.vigil.model.backbone.TorchConv2d;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelInfo;
import dev.vigil.model.transform.TransformConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backbone added from outside: one class (its {@link BackboneSpec}, here with its module) and one registration
 * line. The detector, the frozen-layer rule, the model artifact and the detector API take it from there.
 */
class RegisteredBackboneTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Four strided 3×3 convs: maps "0" at stride 8 and "1" at stride 16, 16 channels each. */
    static final class TinyBackbone extends DetectionBackbone {

        private static final int CHANNELS = 16;

        TinyBackbone() {
            addChildBlock("stem", conv(3, 8));
            addChildBlock("stem_relu", new ActivationBlock(ActivationBlock.Kind.RELU));
            addChildBlock("conv2", conv(8, CHANNELS));
            addChildBlock("conv2_relu", new ActivationBlock(ActivationBlock.Kind.RELU));
            addChildBlock("conv3", conv(CHANNELS, CHANNELS));
            addChildBlock("conv3_relu", new ActivationBlock(ActivationBlock.Kind.RELU));
            addChildBlock("conv4", conv(CHANNELS, CHANNELS));
        }

        private static TorchConv2d conv(int in, int out) {
            return TorchConv2d.builder(in, out, 3).stride(2).padding(1).build();
        }

        @Override
        public int outChannels() {
            return CHANNELS;
        }

        @Override
        public List<String> featureMapNames() {
            return List.of("0", "1");
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            for (int i = 0; i < 6; i++) {
                x = call(children.get(i).getValue(), ps, x, training, params);
            }
            NDArray finer = x;
            NDArray coarser = call(children.get(6).getValue(), ps, finer, training, params);
            return new NDList(finer, coarser);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape[] shapes = inputShapes;
            for (int i = 0; i < 6; i++) {
                shapes = children.get(i).getValue().getOutputShapes(shapes);
            }
            Shape finer = shapes[0];
            return new Shape[] {finer, children.get(6).getValue().getOutputShapes(shapes)[0]};
        }
    }

    /** The one class a new backbone needs. */
    static final class TinySpec implements BackboneSpec {

        static final String NAME = "TINY_FOR_TESTS";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public DetectionBackbone build() {
            return new TinyBackbone();
        }

        @Override
        public List<FeatureMap> featureMaps() {
            return List.of(new FeatureMap("0", 8), new FeatureMap("1", 16));
        }

        @Override
        public AnchorConfig defaultAnchors() {
            return AnchorConfig.oneSizePerLevel(List.of(32f, 64f));
        }

        /** The stem stays fixed unless both layers train. */
        @Override
        public List<String> frozenLayers(int trainableLayers) {
            return trainableLayers >= 2 ? List.of() : List.of("stem.");
        }
    }

    @Test
    void aRegisteredBackboneTrainsDetectsAndIsSavedAsAnArtifact(@TempDir Path dir) throws Exception {
        BackboneRegistry.register(new TinySpec());

        ArchitectureConfig config = ArchitectureConfig.forArch(TinySpec.NAME)
                .withNumClasses(3)
                .withTransform(TransformConfig.torchvision().withSizes(192, 256));
        assertThat(config.backbone()).isEqualTo(TinySpec.NAME);
        assertThat(config.anchors().levels()).isEqualTo(2);
        assertThat(config.roiPool().featureMaps()).containsExactly("0", "1");
        List<String> frozen = FrozenLayers.forArchitecture(config, 1);
        assertThat(frozen).containsExactly("backbone.stem.");

        try (NDManager manager = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            FasterRcnn model = FasterRcnn.initialized(config, manager);
            TrainableParameters trainable = TrainableParameters.select(model, List.of(""), frozen);
            assertThat(trainable.byKey())
                    .doesNotContainKey("backbone.stem.weight")
                    .containsKeys("backbone.conv4.weight", "rpn.head.cls_logits.weight");
            Map<String, float[]> before = values(model, "backbone.stem.weight", "backbone.conv4.weight");

            TrainingStep step = new TrainingStep(
                    model,
                    LossSettings.torchvision(),
                    RoiSamplingSettings.torchvision().withRoisPerImage(64),
                    AnchorTargets.PAPER_CROSS_BOUNDARY);
            List<TrainingImage> batch =
                    List.of(TrainingStepTest.scene(1, 192, 256), TrainingStepTest.scene(2, 192, 256));
            SgdSettings sgdSettings = new SgdSettings(0.01f, 0.9f, 1e-4f, 0, 1f, List.of(), 0.1f, 10f);
            LossValues losses;
            try (Sgd sgd = new Sgd(sgdSettings, manager);
                    NDManager scope = manager.newSubManager()) {
                losses = step.run(scope, batch, true, true, null, new Random(3));
                sgd.step(trainable, sgdSettings.learningRateAt(0));
            }
            assertThat(losses.finite()).isTrue();
            assertThat(losses.total()).isPositive();
            Map<String, float[]> after = values(model, "backbone.stem.weight", "backbone.conv4.weight");
            assertThat(after.get("backbone.stem.weight"))
                    .as("frozen")
                    .containsExactly(before.get("backbone.stem.weight"));
            assertThat(after.get("backbone.conv4.weight"))
                    .as("trained")
                    .isNotEqualTo(before.get("backbone.conv4.weight"));

            Path artifact = dir.resolve("tiny");
            ModelArtifact.write(
                    artifact, model, List.of("__background__", "square", "bar"), ModelInfo.now("tiny", "1", "-", "-"));
            try (Detector detector = Detector.load(artifact)) {
                assertThat(JSON.writeValueAsString(detector.config())).isEqualTo(JSON.writeValueAsString(config));
                List<List<DetectedObject>> found =
                        detector.detect(List.of(batch.get(0).image()));
                assertThat(found).hasSize(1);
            }
        }
    }

    private static Map<String, float[]> values(FasterRcnn model, String... keys) {
        Map<String, float[]> values = new java.util.LinkedHashMap<>();
        var parameters = dev.vigil.model.io.StateDictLoader.parametersByKey(model);
        for (String key : keys) {
            values.put(key, parameters.get(key).getArray().toFloatArray());
        }
        return values;
    }
}
