package dev.vigil.model.roiheads;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.vigil.model.io.StateDict;
import dev.vigil.model.io.StateDictLoader;
import dev.vigil.model.io.TorchStateDictReader;
import dev.vigil.model.testing.TorchvisionReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The box head, predictor and postprocessing against torchvision, fed torchvision's own pooled features and proposals. */
class BoxHeadParityTest {

    private static final float RELATIVE_TOLERANCE = 1e-4f;

    private static TorchvisionReference reference;
    private static StateDict weights;

    @BeforeAll
    static void loadReference() throws Exception {
        reference = TorchvisionReference.of(TorchvisionReference.MOBILENET_V3_FPN);
        weights = TorchStateDictReader.read(reference.weights());
    }

    @Test
    void twoMlpHeadReproducesTorchvisionsBoxFeatures() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            long[] pooledShape = reference.shape("roi_pooled.0");
            TwoMlpHead head = new TwoMlpHead(TwoMlpHead.TORCHVISION_REPRESENTATION_SIZE, 0f);
            head.initialize(manager, DataType.FLOAT32, new Shape(pooledShape));
            StateDictLoader.strict().fromPrefix("roi_heads.box_head.").load(head, weights);

            long[] featuresShape = reference.shape("box_features");
            float[] allFeatures = reference.tensor("box_features");
            int proposals0 = (int) reference.shape("proposals.0")[0];
            for (int image = 0; image < 2; image++) {
                NDArray pooled = manager.create(reference.tensor("roi_pooled." + image), new Shape(pooledShape));
                float[] actual = head.forward(new ParameterStore(manager, false), new NDList(pooled), false)
                        .singletonOrThrow()
                        .toFloatArray();
                int firstRow = image * proposals0;
                float[] expected = new float[actual.length];
                System.arraycopy(allFeatures, firstRow * (int) featuresShape[1], expected, 0, expected.length);
                assertRelativelyClose(actual, expected);
            }
        }
    }

    @Test
    void predictorReproducesTorchvisionsLogitsAndDeltas() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            FastRcnnPredictor predictor = new FastRcnnPredictor(91);
            Shape featuresShape = new Shape(reference.shape("box_features"));
            predictor.initialize(manager, DataType.FLOAT32, featuresShape);
            StateDictLoader.strict().fromPrefix("roi_heads.box_predictor.").load(predictor, weights);
            NDList outputs = predictor.forward(
                    new ParameterStore(manager, false),
                    new NDList(manager.create(reference.tensor("box_features"), featuresShape)),
                    false);
            assertRelativelyClose(outputs.get(0).toFloatArray(), reference.tensor("class_logits"));
            assertRelativelyClose(outputs.get(1).toFloatArray(), reference.tensor("box_regression"));
        }
    }

    @Test
    void postprocessingReproducesTorchvisionsDetections() throws Exception {
        List<float[]> proposals = new ArrayList<>();
        for (int image = 0; image < 2; image++) {
            proposals.add(reference.tensor("proposals." + image));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray logits =
                    manager.create(reference.tensor("class_logits"), new Shape(reference.shape("class_logits")));
            NDArray deltas =
                    manager.create(reference.tensor("box_regression"), new Shape(reference.shape("box_regression")));
            List<ImageDetections> detections = new DetectionPostprocessor(BoxHeadConfig.torchvision())
                    .apply(logits, deltas, proposals, reference.sizes("image_sizes"));
            for (int image = 0; image < 2; image++) {
                ImageDetections actual = detections.get(image);
                float[] expectedLabels = reference.tensor("detections." + image + ".labels");
                assertThat(actual.count()).isEqualTo(expectedLabels.length).isPositive();
                for (int d = 0; d < actual.count(); d++) {
                    assertThat(actual.labels()[d])
                            .as("label of detection %d", d)
                            .isEqualTo((int) expectedLabels[d]);
                }
                assertThat(actual.scores())
                        .containsExactly(
                                reference.tensor("detections." + image + ".scores"),
                                org.assertj.core.data.Offset.offset(1e-6f));
                assertThat(actual.boxes())
                        .containsExactly(
                                reference.tensor("detections_resized." + image + ".boxes"),
                                org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }

    private static void assertRelativelyClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        float scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        float worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst / scale)
                .as("largest difference relative to the largest value")
                .isLessThan(RELATIVE_TOLERANCE);
    }
}
