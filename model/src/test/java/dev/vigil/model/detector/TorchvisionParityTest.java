package dev.vigil.model.detector;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import dev.vigil.model.box.BoxIou;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.roi.RoiPoolConfig;
import dev.vigil.model.roiheads.ImageDetections;
import dev.vigil.model.rpn.RegionProposalNetwork.RpnOutput;
import dev.vigil.model.rpn.RpnConfig;
import dev.vigil.model.testing.TorchvisionReference;
import dev.vigil.model.transform.ImageBatch;
import dev.vigil.model.transform.ImageTransform;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole detector against torchvision 0.14 on two real frames: the checkpoint imported as
 * {@code import-torchvision} does, the frames run through Vigil, every stage compared.
 */
class TorchvisionParityTest {

    private static final int COMPARED_PROPOSALS = 300;
    private static final double PROPOSAL_MATCH_FRACTION = 0.99;
    private static final float MATCH_IOU = 0.99f;
    private static final float SCORE_TOLERANCE = 1e-3f;

    @ParameterizedTest
    @ValueSource(strings = {TorchvisionReference.MOBILENET_V3_FPN, TorchvisionReference.RESNET50_FPN})
    void vigilReproducesTorchvision(String arch) throws Exception {
        assertReproducesTorchvision(arch, false);
    }

    /**
     * The model prepared for inference with the packed kernels: batch norms folded, fc6 reading channels-last features,
     * and every conv (its activation fused in) and fc6/fc7 on libtorch's packed oneDNN kernels.
     */
    @Test
    void vigilPreparedForInferenceReproducesTorchvision() throws Exception {
        boolean gradMode = Autograd.isOn();
        JniUtils.setGradMode(false); // as Detector runs the model: the inference kernels run only without autograd
        try {
            assertReproducesTorchvision(TorchvisionReference.MOBILENET_V3_FPN, true);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static void assertReproducesTorchvision(String arch, boolean preparedForInference) throws Exception {
        TorchvisionReference reference = TorchvisionReference.of(arch);
        ArchitectureConfig config = referenceConfig(reference, arch);
        ImageTransform transform = new ImageTransform(config.transform());
        try (NDManager manager = NDManager.newBaseManager()) {
            FasterRcnn model = FasterRcnn.withWeights(config, TorchvisionWeights.read(reference.weights()), manager);
            if (preparedForInference) {
                model.prepareForInference(true);
            }
            ParameterStore parameters = new ParameterStore(manager, false);
            ImageBatch batch = transform.apply(manager, reference.decodedFrames());

            NDList features = model.backbone().forward(parameters, new NDList(batch.images()), false);
            RpnOutput rpn = model.rpn()
                    .propose(
                            parameters,
                            features,
                            batch.paddedHeight(),
                            batch.paddedWidth(),
                            RoiPoolConfig.heightWidth(batch.resizedSizes()),
                            false);
            assertThat(rpn.anchors().toFloatArray()).as("anchors").containsExactly(reference.tensor("anchors.0"));
            for (int image = 0; image < 2; image++) {
                assertProposalsMatch(rpn.proposals().get(image).boxes(), reference.tensor("proposals." + image));
            }

            List<ImageDetections> detections = model.detect(parameters, batch, new StageTimings());
            for (int image = 0; image < 2; image++) {
                assertDetectionsMatch(
                        detections.get(image),
                        reference,
                        image,
                        config.boxHead().scoreThreshold());
            }
        }
    }

    static ArchitectureConfig referenceConfig(TorchvisionReference reference, String arch) {
        ArchitectureConfig defaults = ArchitectureConfig.forArch(arch);
        RpnConfig rpn = defaults.rpn();
        int postNms = reference.index().get("rpn_post_nms_top_n").asInt();
        return defaults.withTransform(defaults.transform()
                        .withSizes(
                                reference.index().get("min_size").asInt(),
                                reference.index().get("max_size").asInt()))
                .withRpn(new RpnConfig(
                        rpn.preNmsTopNTrain(),
                        rpn.preNmsTopNTest(),
                        rpn.postNmsTopNTrain(),
                        postNms,
                        rpn.nmsThreshold(),
                        rpn.scoreThreshold(),
                        rpn.minSize(),
                        rpn.fgIouThreshold(),
                        rpn.bgIouThreshold(),
                        rpn.batchSizePerImage(),
                        rpn.positiveFraction()));
    }

    /** At least 99% of torchvision's best 300 proposals have a Vigil proposal with IoU >= 0.99. */
    private static void assertProposalsMatch(float[] actual, float[] expected) {
        int compared = Math.min(COMPARED_PROPOSALS, expected.length / 4);
        float[] top = Arrays.copyOf(expected, 4 * compared);
        float[] iou = BoxIou.matrix(top, actual);
        int actualCount = actual.length / 4;
        int matched = 0;
        for (int e = 0; e < compared; e++) {
            for (int a = 0; a < actualCount; a++) {
                if (iou[e * actualCount + a] >= MATCH_IOU) {
                    matched++;
                    break;
                }
            }
        }
        assertThat(matched).as("torchvision proposals matched").isGreaterThanOrEqualTo((int)
                Math.ceil(PROPOSAL_MATCH_FRACTION * compared));
    }

    /**
     * One-to-one: same label, IoU >= 0.99, score within 1e-3. A detection whose score is within that tolerance of
     * the score threshold may be present on one side only (float noise decides whether it passes).
     */
    private static void assertDetectionsMatch(
            ImageDetections actual, TorchvisionReference reference, int image, float scoreThreshold) throws Exception {
        float[] boxes = reference.tensor("detections." + image + ".boxes");
        float[] scores = reference.tensor("detections." + image + ".scores");
        float[] labels = reference.tensor("detections." + image + ".labels");
        assertThat(scores).isNotEmpty();
        float[] iou = BoxIou.matrix(boxes, actual.boxes());
        boolean[] used = new boolean[actual.count()];
        for (int e = 0; e < scores.length; e++) {
            int match = -1;
            for (int a = 0; a < actual.count() && match < 0; a++) {
                if (!used[a]
                        && actual.labels()[a] == (int) labels[e]
                        && iou[e * actual.count() + a] >= MATCH_IOU
                        && Math.abs(actual.scores()[a] - scores[e]) <= SCORE_TOLERANCE) {
                    match = a;
                }
            }
            if (match >= 0) {
                used[match] = true;
            } else {
                assertThat(scores[e])
                        .as("unmatched torchvision detection %d (label %d) of image %d", e, (int) labels[e], image)
                        .isLessThanOrEqualTo(scoreThreshold + SCORE_TOLERANCE);
            }
        }
        for (int a = 0; a < actual.count(); a++) {
            if (!used[a]) {
                assertThat(actual.scores()[a])
                        .as("unmatched Vigil detection %d of image %d", a, image)
                        .isLessThanOrEqualTo(scoreThreshold + SCORE_TOLERANCE);
            }
        }
    }
}
