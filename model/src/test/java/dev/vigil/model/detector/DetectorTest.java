package dev.vigil.model.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.io.SafetensorsFile;
import dev.vigil.model.io.Sha256;
import dev.vigil.model.testing.TestImages;
import dev.vigil.model.testing.TorchvisionReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Detector API on an artifact imported from the torchvision reference checkpoint (MobileNetV3 FPN). */
class DetectorTest {

    @TempDir
    static Path tempDir;

    private static TorchvisionReference reference;
    private static Path artifact;
    private static List<RgbImage> frames;

    @BeforeAll
    static void importReference() throws Exception {
        reference = TorchvisionReference.of(TorchvisionReference.MOBILENET_V3_FPN);
        artifact = tempDir.resolve("artifact");
        ArchitectureConfig config =
                TorchvisionParityTest.referenceConfig(reference, TorchvisionReference.MOBILENET_V3_FPN);
        try (NDManager manager = NDManager.newBaseManager()) {
            FasterRcnn model = FasterRcnn.withWeights(config, TorchvisionWeights.read(reference.weights()), manager);
            ModelArtifact.write(
                    artifact,
                    model,
                    ClassNames.coco(),
                    ModelInfo.now("reference", "1", reference.weights().toString(), Sha256.of(reference.weights())));
        }
        frames = reference.decodedFrames();
    }

    @Test
    void artifactRoundTripDetectsWhatTorchvisionDetects() throws Exception {
        try (Detector detector = Detector.load(artifact)) {
            List<List<DetectedObject>> detections = detector.detect(frames);
            assertThat(detections).hasSize(2);
            for (int image = 0; image < 2; image++) {
                float[] scores = reference.tensor("detections." + image + ".scores");
                float[] labels = reference.tensor("detections." + image + ".labels");
                DetectedObject best = detections.get(image).get(0);
                assertThat(best.score()).isCloseTo(scores[0], offset(1e-3f));
                assertThat(best.classId()).isEqualTo((int) labels[0]);
                assertThat(best.label()).isEqualTo(ClassNames.coco().get((int) labels[0]));
                assertThat(Arrays.copyOf(reference.tensor("detections." + image + ".boxes"), 4))
                        .containsExactly(new float[] {best.x1(), best.y1(), best.x2(), best.y2()}, offset(0.05f));
            }
            assertThat(detector.lastTimings().millis()).containsOnlyKeys(StageTimings.Stage.values());
        }
    }

    @Test
    void imagesOfMixedSizesInOneBatchGiveWhatTheyGiveOneByOne() throws Exception {
        // a 500x381 crop resizes to 419x319, the frame to 426x320: both pad to the same 448x320 as when alone,
        // so batching must not change any number beyond float noise
        RgbImage frame = frames.get(0);
        RgbImage smaller = TestImages.crop(frames.get(1), 37, 61, new ImageSize(381, 500));
        try (Detector detector = Detector.load(artifact)) {
            List<List<DetectedObject>> batched = detector.detect(List.of(frame, smaller));
            List<DetectedObject> alone0 = detector.detect(List.of(frame)).get(0);
            List<DetectedObject> alone1 = detector.detect(List.of(smaller)).get(0);
            assertThat(alone1).isNotEmpty();
            assertSameDetections(batched.get(0), alone0);
            assertSameDetections(batched.get(1), alone1);
        }
    }

    @Test
    void anImageWithNoDetectionsGivesAnEmptyListBesideOthers() throws Exception {
        ModelArtifact strict = ModelArtifact.read(artifact);
        strict = strict.withConfig(
                strict.config().withBoxHead(strict.config().boxHead().withScoreThreshold(0.9f)));
        RgbImage grey = new RgbImage("grey", new ImageSize(240, 320), filled(3 * 240 * 320, 0.5f));
        try (Detector detector = Detector.load(strict, Device.cpu())) {
            List<List<DetectedObject>> detections = detector.detect(List.of(grey, frames.get(0)));
            assertThat(detections.get(0)).isEmpty();
            assertThat(detections.get(1))
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d.score()).isGreaterThan(0.9f));
        }
    }

    /**
     * Disabled until dev.vigil.model.backbone.FrozenBatchNorm2d closes its {@code var.add(eps)} temporary: that
     * array is made from a parameter, so it lands in the weights' manager, one per norm layer and call.
     */
    @Test
    void repeatedCallsLeaveNoArraysBehind() throws Exception {
        RgbImage small = new RgbImage("small", new ImageSize(64, 96), filled(3 * 64 * 96, 0.3f));
        try (NDManager weights = NDManager.newBaseManager()) {
            Detector detector =
                    new Detector(weights, ModelArtifact.read(artifact).loadModel(weights), ClassNames.coco());
            detector.detect(List.of(small));
            int arraysAfterFirstCall =
                    ((BaseNDManager) weights).getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                detector.detect(List.of(small));
            }
            assertThat(((BaseNDManager) weights).getManagedArrays()).hasSize(arraysAfterFirstCall);
        }
    }

    @Test
    void anArtifactMissingAFileIsRefusedNamingIt() throws Exception {
        Path broken = copyArtifact("no-classes");
        Files.delete(broken.resolve(ModelArtifact.CLASSES));
        assertThatThrownBy(() -> Detector.load(broken))
                .isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining(ModelArtifact.CLASSES)
                .hasMessageContaining("missing");
    }

    @Test
    void anArtifactWithAMisShapedTensorIsRefusedNamingIt() throws Exception {
        Path broken = copyArtifact("mis-shaped");
        ArchitectureConfig config = ModelArtifact.read(artifact).config();
        ArchitectureConfig fewerClasses = new ArchitectureConfig(
                config.arch(),
                config.backbone(),
                21,
                config.transform(),
                config.anchors(),
                config.rpn(),
                config.roiPool(),
                config.boxHead());
        try (NDManager manager = NDManager.newBaseManager()) {
            SafetensorsFile.write(broken.resolve(ModelArtifact.WEIGHTS), FasterRcnn.initialized(fewerClasses, manager));
        }
        assertThatThrownBy(() -> Detector.load(broken))
                .isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining(ModelArtifact.WEIGHTS)
                .hasMessageContaining("roi_heads.box_predictor.cls_score.weight");
    }

    @Test
    void anArtifactWithTooFewClassNamesIsRefused() throws Exception {
        Path broken = copyArtifact("few-names");
        ClassNames.write(broken.resolve(ModelArtifact.CLASSES), List.of("__background__", "person"));
        assertThatThrownBy(() -> ModelArtifact.read(broken))
                .isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining(ModelArtifact.CLASSES)
                .hasMessageContaining("2 names");
    }

    private static void assertSameDetections(List<DetectedObject> actual, List<DetectedObject> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int d = 0; d < expected.size(); d++) {
            DetectedObject a = actual.get(d);
            DetectedObject e = expected.get(d);
            assertThat(a.classId()).isEqualTo(e.classId());
            assertThat(a.score()).isCloseTo(e.score(), offset(1e-4f));
            assertThat(new float[] {a.x1(), a.y1(), a.x2(), a.y2()})
                    .containsExactly(new float[] {e.x1(), e.y1(), e.x2(), e.y2()}, offset(0.01f));
        }
    }

    private static Path copyArtifact(String name) throws IOException {
        Path copy = tempDir.resolve(name);
        Files.createDirectories(copy);
        for (String file :
                List.of(ModelArtifact.CONFIG, ModelArtifact.WEIGHTS, ModelArtifact.CLASSES, ModelArtifact.INFO)) {
            Files.copy(artifact.resolve(file), copy.resolve(file));
        }
        return copy;
    }

    private static float[] filled(int length, float value) {
        float[] values = new float[length];
        Arrays.fill(values, value);
        return values;
    }
}
