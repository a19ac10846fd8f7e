package dev.vigil.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.vigil.model.box.BoxCoder;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.rpn.RegionProposalNetwork.RpnOutput;
import dev.vigil.model.rpn.RegionProposals;
import dev.vigil.model.transform.ImageBatch;
import dev.vigil.model.transform.ImageTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One forward and backward pass of Faster R-CNN on a batch: backbone, RPN with its anchor targets and loss, RoI
 * sampling from the proposals (detached: approximate joint training), the detection head and its loss. Which
 * losses are computed is the caller's choice, so the same step serves joint training and each of the paper's four
 * alternating steps. Gradients are left on the parameters for the optimizer.
 */
public final class TrainingStep {

    private final FasterRcnn model;
    private final ImageTransform transform;
    private final AnchorTargets anchorTargets;
    private final RoiTargets roiTargets;
    private final DetectionLoss loss;

    public TrainingStep(
            FasterRcnn model,
            LossSettings lossSettings,
            RoiSamplingSettings roiSampling,
            float crossBoundaryAllowance) {
        this.model = model;
        this.transform = new ImageTransform(model.config().transform());
        this.anchorTargets = new AnchorTargets(model.config().rpn(), crossBoundaryAllowance);
        this.roiTargets = new RoiTargets(roiSampling);
        this.loss = new DetectionLoss(
                lossSettings,
                BoxCoder.rpn(),
                BoxCoder.of(model.config().boxHead().boxCoderWeights()));
    }

    public ImageTransform transform() {
        return transform;
    }

    /**
     * Runs the step and computes the gradients.
     *
     * @param scope owner of every array of the step (close it afterwards)
     * @param rpnLoss train the RPN's objectness and box terms
     * @param headLoss train the detection head's terms
     * @param externalProposals where the head's RoIs come from instead of this network's RPN, or null
     */
    public LossValues run(
            NDManager scope,
            List<TrainingImage> images,
            boolean rpnLoss,
            boolean headLoss,
            ProposalSource externalProposals,
            Random random) {
        return run(scope, images, transform, rpnLoss, headLoss, externalProposals, random);
    }

    /** As {@link #run(NDManager, List, boolean, boolean, ProposalSource, Random)} at another scale. */
    public LossValues run(
            NDManager scope,
            List<TrainingImage> images,
            ImageTransform scale,
            boolean rpnLoss,
            boolean headLoss,
            ProposalSource externalProposals,
            Random random) {
        List<RgbImage> pictures = images.stream().map(TrainingImage::image).toList();
        ImageBatch batch = scale.apply(scope, pictures);
        List<float[]> groundTruth = new ArrayList<>(images.size());
        List<float[]> ignoreRegions = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            ImageSize resized = batch.resizedSizes().get(i);
            groundTruth.add(images.get(i).boxesResizedTo(resized.height(), resized.width()));
            ignoreRegions.add(images.get(i).ignoreRegionsResizedTo(resized.height(), resized.width()));
        }
        List<float[]> external = externalProposals == null ? null : externalProposals.proposals(batch);
        ParameterStore parameterStore = new ParameterStore(scope, false);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList features = model.features(parameterStore, batch, true);
            RpnOutput rpn = model.regionProposals(parameterStore, features, batch, true);
            NDArray[] rpnTerms = {null, null};
            if (rpnLoss) {
                rpnTerms = rpnLoss(rpn, batch, groundTruth, ignoreRegions, random);
            }
            NDArray[] headTerms = {null, null};
            if (headLoss) {
                List<float[]> proposals = external != null
                        ? external
                        : rpn.proposals().stream().map(RegionProposals::boxes).toList();
                headTerms = headLoss(
                        parameterStore, features, batch, proposals, groundTruth, ignoreRegions, images, random);
            }
            LossTerms terms = new LossTerms(rpnTerms[0], rpnTerms[1], headTerms[0], headTerms[1]);
            LossValues values = terms.values();
            if (!terms.isEmpty() && values.finite()) {
                collector.backward(terms.total());
            }
            return values;
        }
    }

    private NDArray[] rpnLoss(
            RpnOutput rpn, ImageBatch batch, List<float[]> groundTruth, List<float[]> ignoreRegions, Random random) {
        float[] anchors = rpn.anchors().toFloatArray();
        List<AnchorTargets.ImageTargets> targets = new ArrayList<>(groundTruth.size());
        for (int i = 0; i < groundTruth.size(); i++) {
            targets.add(anchorTargets.assign(
                    anchors,
                    groundTruth.get(i),
                    ignoreRegions.get(i),
                    batch.resizedSizes().get(i),
                    random));
        }
        int[] perLocation = model.rpn().anchorGenerator().anchorsPerLocation();
        long locations = 0;
        for (int level = 0; level < perLocation.length; level++) {
            locations += rpn.anchorsPerLevel()[level] / perLocation[level];
        }
        return loss.rpn(rpn.objectness(), rpn.deltas(), rpn.anchors(), targets, locations);
    }

    private NDArray[] headLoss(
            ParameterStore parameterStore,
            NDList features,
            ImageBatch batch,
            List<float[]> proposals,
            List<float[]> groundTruth,
            List<float[]> ignoreRegions,
            List<TrainingImage> images,
            Random random) {
        List<RoiTargets.RoiSample> samples = new ArrayList<>(images.size());
        List<float[]> rois = new ArrayList<>(images.size());
        int total = 0;
        for (int i = 0; i < images.size(); i++) {
            RoiTargets.RoiSample sample = roiTargets.sample(
                    proposals.get(i), groundTruth.get(i), images.get(i).classes(), ignoreRegions.get(i), random);
            samples.add(sample);
            rois.add(sample.rois());
            total += sample.size();
        }
        if (total == 0) {
            return new NDArray[] {null, null};
        }
        NDArray pooled = model.roiHeads().pool(model.named(features), rois, batch.resizedSizes(), true);
        NDList predictions = model.roiHeads().predict(parameterStore, pooled, true);
        return loss.head(predictions.get(0), predictions.get(1), samples);
    }
}
