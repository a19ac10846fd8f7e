package dev.vigil.model.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.backbone.BatchNormFolding;
import dev.vigil.model.backbone.ChannelsLastWeights;
import dev.vigil.model.backbone.ConvActivationFusion;
import dev.vigil.model.backbone.DetectionBackbone;
import dev.vigil.model.detector.StageTimings.Stage;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.io.StateDict;
import dev.vigil.model.io.StateDictLoader;
import dev.vigil.model.roi.RoiPoolConfig;
import dev.vigil.model.roiheads.ImageDetections;
import dev.vigil.model.roiheads.RoiHeads;
import dev.vigil.model.roiheads.TwoMlpHead;
import dev.vigil.model.rpn.ProposalLayer;
import dev.vigil.model.rpn.RegionProposalNetwork;
import dev.vigil.model.rpn.RegionProposals;
import dev.vigil.model.transform.ImageBatch;
import dev.vigil.model.transform.ImageTransform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Faster R-CNN (Ren et al. 2015) as torchvision's {@code FasterRCNN}: children {@code backbone}, {@code rpn} and
 * {@code roi_heads}, so that a torchvision state_dict's keys name its parameters. {@link #detect} runs the test-time
 * pipeline on a transformed batch and reports boxes in original-image pixels.
 */
public final class FasterRcnn extends AbstractBlock {

    /** The backbone's child name, so the first part of its parameters' state_dict keys. */
    public static final String BACKBONE = "backbone";

    /** Side of the square image used to give parameters their shapes; any multiple of 64 works. */
    private static final int SHAPE_PROBE_SIDE = 128;

    private final ArchitectureConfig config;
    private final DetectionBackbone backbone;
    private final RegionProposalNetwork rpn;
    private final RoiHeads roiHeads;

    public FasterRcnn(ArchitectureConfig config) {
        this.config = config;
        this.backbone = addChildBlock(BACKBONE, config.backboneSpec().build());
        this.rpn = addChildBlock(
                "rpn",
                RegionProposalNetwork.create(config.anchors().toGenerator(), backbone.outChannels(), config.rpn()));
        this.roiHeads = addChildBlock(
                "roi_heads",
                new RoiHeads(config.roiPool(), config.boxHead(), config.numClasses(), backbone.outChannels()));
    }

    /** Builds the model and gives every parameter an (initializer-filled) array in {@code manager}. */
    public static FasterRcnn initialized(ArchitectureConfig config, NDManager manager) {
        FasterRcnn model = new FasterRcnn(config);
        model.initialize(
                manager, DataType.FLOAT32, new Shape(1, RgbImage.CHANNELS, SHAPE_PROBE_SIDE, SHAPE_PROBE_SIDE));
        return model;
    }

    /**
     * Builds the model and loads {@code weights} into it, strictly: every parameter must be in the state_dict with
     * its shape and every key must name a parameter, else the error lists the offending keys.
     */
    public static FasterRcnn withWeights(ArchitectureConfig config, StateDict weights, NDManager manager) {
        FasterRcnn model = initialized(config, manager);
        StateDictLoader.strict().load(model, weights);
        return model;
    }

    /**
     * Rewrites the weights for inference: folds every frozen batch norm into its conv ({@link BatchNormFolding}), keeps
     * k×k conv weights in the feature maps' channels-last layout ({@link ChannelsLastWeights}) and lets fc6 read the
     * pooled features as they lie in memory ({@link TwoMlpHead#readChannelsLastInput}). The model
     * computes the same function, up to float rounding, but no longer holds its state_dict's values: it must not be
     * trained or saved afterwards. {@link Detector#load} prepares the models it owns.
     */
    public void prepareForInference() {
        prepareForInference(false);
    }

    /**
     * As {@link #prepareForInference()}; with {@code packedKernels}, also every conv runs on libtorch's oneDNN kernel
     * with its activation fused in and its weight packed once ({@link ConvActivationFusion}), and fc6 and fc7 on
     * oneDNN's inner product with packed weights and the ReLU fused in ({@link TwoMlpHead#usePackedKernel}), as
     * torch.compile's CPU backend runs a frozen model. Opt-in: faster for torchvision's MobileNetV3-FPN (4-13 %,
     * under load), slower for the shipped vigil_compact (10-17 %: each kernel call through the TorchScript module costs
     * tens of microseconds more); measure with {@code vigil bench detector --compare-packed-kernels}.
     */
    public void prepareForInference(boolean packedKernels) {
        BatchNormFolding.foldAll(this);
        ChannelsLastWeights.applyAll(this);
        roiHeads.readChannelsLastFeatures();
        if (packedKernels) {
            ConvActivationFusion.fuseAll(this);
            roiHeads.usePackedKernel(TwoMlpHead.PackedKernel.ONEDNN);
        }
    }

    public ArchitectureConfig config() {
        return config;
    }

    public DetectionBackbone backbone() {
        return backbone;
    }

    public RegionProposalNetwork rpn() {
        return rpn;
    }

    public RoiHeads roiHeads() {
        return roiHeads;
    }

    /**
     * Detects objects in a batch.
     *
     * @param batch images from {@link ImageTransform#apply}
     * @param timings receives the time of each stage from the backbone on
     * @return per image its detections, best first, boxes in original-image pixels
     */
    public List<ImageDetections> detect(ParameterStore parameterStore, ImageBatch batch, StageTimings timings) {
        timings.start(Stage.BACKBONE);
        NDList features = backbone.forward(parameterStore, new NDList(batch.images()), false);
        timings.start(Stage.RPN);
        NDList rpnPredictions = rpn.forward(parameterStore, features, false);
        timings.start(Stage.PROPOSALS);
        List<float[]> proposals = boxesOf(propose(features, rpnPredictions, batch, rpn.proposalLayer()));
        timings.start(Stage.ROI_FEATURES);
        NDArray pooled = roiHeads.pool(named(features), proposals, batch.resizedSizes(), false);
        timings.start(Stage.HEAD);
        NDList predictions = roiHeads.predict(parameterStore, pooled, false);
        timings.start(Stage.POSTPROCESS);
        List<ImageDetections> detections = roiHeads.postprocess(predictions, proposals, batch.resizedSizes());
        toOriginalPixels(detections.stream().map(ImageDetections::boxes).toList(), batch);
        timings.stop();
        return detections;
    }

    /** The backbone's feature maps of a batch, in anchor-level order. */
    public NDList features(ParameterStore parameterStore, ImageBatch batch, boolean training) {
        return backbone.forward(parameterStore, new NDList(batch.images()), training);
    }

    /**
     * The RPN on a batch's feature maps: proposals (no gradient) with the train or test top-N values, and the
     * objectness and deltas (with gradient when training) the RPN's loss needs.
     */
    public RegionProposalNetwork.RpnOutput regionProposals(
            ParameterStore parameterStore, NDList features, ImageBatch batch, boolean training) {
        return rpn.propose(
                parameterStore,
                features,
                batch.paddedHeight(),
                batch.paddedWidth(),
                RoiPoolConfig.heightWidth(batch.resizedSizes()),
                training);
    }

    /** The backbone's feature maps by name ("0", "1", ..., "pool"). */
    public Map<String, NDArray> named(NDList features) {
        List<String> names = backbone.featureMapNames();
        Map<String, NDArray> named = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            named.put(names.get(i), features.get(i));
        }
        return named;
    }

    /**
     * The RPN's proposals alone, through another proposal layer than the model's (other top-N values: the
     * paper's Figure 4 counts 300, 1,000 and 2,000 proposals).
     *
     * @return per image K×4 proposal boxes, best first, in pixels of the image as given
     */
    public List<float[]> proposals(ParameterStore parameterStore, ImageBatch batch, ProposalLayer proposalLayer) {
        NDList features = features(parameterStore, batch, false);
        List<float[]> boxes =
                boxesOf(propose(features, rpn.forward(parameterStore, features, false), batch, proposalLayer)).stream()
                        .map(float[]::clone)
                        .toList();
        toOriginalPixels(boxes, batch);
        return boxes;
    }

    /**
     * Rescales each image's K×4 boxes, in place, from the pixels of its resized image to those of the image as
     * given: the one place where detections and proposals leave the network's coordinates.
     */
    private static void toOriginalPixels(List<float[]> boxesPerImage, ImageBatch batch) {
        for (int i = 0; i < boxesPerImage.size(); i++) {
            ImageTransform.toOriginalPixels(
                    boxesPerImage.get(i),
                    batch.resizedSizes().get(i),
                    batch.originalSizes().get(i));
        }
    }

    /** The proposals from the RPN head's predictions (L objectness maps, then L delta maps). */
    private List<RegionProposals> propose(
            NDList features, NDList rpnPredictions, ImageBatch batch, ProposalLayer proposalLayer) {
        return rpn.proposeFrom(
                        features,
                        rpnPredictions,
                        batch.paddedHeight(),
                        batch.paddedWidth(),
                        RoiPoolConfig.heightWidth(batch.resizedSizes()),
                        proposalLayer,
                        false)
                .proposals();
    }

    private static List<float[]> boxesOf(List<RegionProposals> proposals) {
        return proposals.stream().map(RegionProposals::boxes).toList();
    }

    /** Not supported: detection needs image sizes; use {@link #detect}. */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException("Faster R-CNN needs the images' sizes: call detect(...)");
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        rpn.initialize(manager, dataType, backbone.getOutputShapes(inputShapes));
        roiHeads.initialize(manager, dataType);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException("the number of detections depends on the images");
    }
}
