package dev.vigil.model.rpn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.anchor.AnchorGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The region proposal network (the paper's section 3.1) as torchvision's {@code RegionProposalNetwork}: anchors,
 * the shared {@link RpnHead} (the only child, named {@code head}, so parameters are {@code head.*} under the
 * model's {@code rpn}), the prediction layout and the {@link ProposalLayer}.
 *
 * <p>As a block, {@code forward} runs the head only (L feature maps → L objectness maps, then L delta maps); use
 * {@link #propose} for proposals.
 */
public final class RegionProposalNetwork extends AbstractBlock {

    private final AnchorGenerator anchorGenerator;
    private final RpnHead head;
    private final ProposalLayer proposalLayer;

    public RegionProposalNetwork(AnchorGenerator anchorGenerator, RpnHead head, ProposalLayer proposalLayer) {
        if (anchorGenerator == null || head == null || proposalLayer == null) {
            throw new IllegalArgumentException(
                    "RegionProposalNetwork needs an anchor generator, a head and a proposal layer");
        }
        this.anchorGenerator = anchorGenerator;
        this.head = addChildBlock("head", head);
        this.proposalLayer = proposalLayer;
    }

    /**
     * An RPN with torchvision's head for {@code anchorGenerator} (same number of anchors on every level).
     *
     * @param inChannels channels of the feature maps
     */
    public static RegionProposalNetwork create(AnchorGenerator anchorGenerator, int inChannels, RpnConfig config) {
        int[] perLocation = anchorGenerator.anchorsPerLocation();
        for (int a : perLocation) {
            if (a != perLocation[0]) {
                throw new IllegalArgumentException(
                        "the shared RPN head needs the same number of anchors on every level, got "
                                + Arrays.toString(perLocation));
            }
        }
        return new RegionProposalNetwork(
                anchorGenerator, new RpnHead(inChannels, perLocation[0]), new ProposalLayer(config));
    }

    public AnchorGenerator anchorGenerator() {
        return anchorGenerator;
    }

    public ProposalLayer proposalLayer() {
        return proposalLayer;
    }

    /**
     * Runs the head on the feature maps and turns its predictions into proposals.
     *
     * @param features L feature maps N×C×Hi×Wi, in anchor-level order
     * @param paddedHeight height of the padded image batch (anchor strides are paddedHeight // Hi)
     * @param paddedWidth width of the padded image batch
     * @param imageSizes per image {height, width} of the resized image before padding
     * @param training train or test top-N values, and training mode of the head
     */
    public RpnOutput propose(
            ParameterStore parameterStore,
            NDList features,
            int paddedHeight,
            int paddedWidth,
            List<int[]> imageSizes,
            boolean training) {
        if (features.size() != anchorGenerator.numLevels()) {
            throw new IllegalArgumentException("the anchor generator has " + anchorGenerator.numLevels()
                    + " levels but " + features.size() + " feature maps were given");
        }
        return proposeFrom(
                features,
                head.forward(parameterStore, features, training),
                paddedHeight,
                paddedWidth,
                imageSizes,
                proposalLayer,
                training);
    }

    /**
     * Turns the head's predictions on {@code features} into proposals with {@code layer} (the RPN's own, or one with
     * other top-N numbers).
     *
     * @param predictions the head's L objectness maps, then its L delta maps
     */
    public RpnOutput proposeFrom(
            NDList features,
            NDList predictions,
            int paddedHeight,
            int paddedWidth,
            List<int[]> imageSizes,
            ProposalLayer layer,
            boolean training) {
        int levels = features.size();
        List<int[]> featureSizes = new ArrayList<>(levels);
        for (NDArray feature : features) {
            Shape s = feature.getShape();
            featureSizes.add(new int[] {(int) s.get(2), (int) s.get(3)});
        }
        NDManager manager = features.head().getManager();
        NDArray anchors = anchorGenerator.anchors(manager, paddedHeight, paddedWidth, featureSizes);
        long[] anchorsPerLevel = anchorGenerator.numAnchorsPerLevel(featureSizes);
        NDArray objectness = RpnPredictionLayout.concatObjectness(predictions.subNDList(0, levels));
        NDArray deltas = RpnPredictionLayout.concatDeltas(predictions.subNDList(levels));
        List<RegionProposals> proposals =
                layer.propose(objectness, deltas, anchors, anchorsPerLevel, imageSizes, training);
        return new RpnOutput(proposals, objectness, deltas, anchors, anchorsPerLevel);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return head.forward(parameterStore, inputs, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        head.initialize(manager, dataType, inputShapes);
    }

    /**
     * What the RPN computed for a batch.
     *
     * @param proposals per image, best first (no gradient)
     * @param objectness N×ΣA objectness logits, with gradient (for the training loss)
     * @param deltas N×ΣA×4 box deltas, with gradient
     * @param anchors ΣA×4 anchors
     * @param anchorsPerLevel H_i·W_i·A_i per level
     */
    public record RpnOutput(
            List<RegionProposals> proposals,
            NDArray objectness,
            NDArray deltas,
            NDArray anchors,
            long[] anchorsPerLevel) {}
}
