package dev.vigil.model.rpn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.vigil.model.box.BoxCoder;
import dev.vigil.model.box.Boxes;
import dev.vigil.model.box.Nms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns anchor scores and deltas into proposals, as torchvision's {@code RegionProposalNetwork.filter_proposals}:
 * per level the top pre-NMS-N anchors by objectness; their deltas decoded on the anchors; sigmoid; per image clip to
 * the image, drop boxes with a side below {@code minSize}, drop scores below {@code scoreThreshold}, NMS per level,
 * keep the post-NMS top-N. Selection and decoding run on the engine (float32, as torchvision); the per-image
 * filtering on JVM arrays. Proposals come out in torchvision's order (decreasing score).
 */
public final class ProposalLayer {

    private final RpnConfig config;
    private final BoxCoder boxCoder;

    public ProposalLayer(RpnConfig config, BoxCoder boxCoder) {
        if (config == null || boxCoder == null) {
            throw new IllegalArgumentException("ProposalLayer needs a config and a box coder");
        }
        this.config = config;
        this.boxCoder = boxCoder;
    }

    /** A layer with the RPN's coder, weights (1, 1, 1, 1). */
    public ProposalLayer(RpnConfig config) {
        this(config, BoxCoder.rpn());
    }

    public RpnConfig config() {
        return config;
    }

    /**
     * @param objectness N×ΣA objectness logits (see {@link RpnPredictionLayout}); not back-propagated through
     * @param deltas N×ΣA×4 box deltas; not back-propagated through
     * @param anchors ΣA×4 anchors shared by the N images
     * @param anchorsPerLevel H_i·W_i·A_i of each level, summing to ΣA
     * @param imageSizes per image {height, width} of the resized image (before padding)
     * @param training selects the train or test top-N values
     * @return per image its proposals, best first
     */
    public List<RegionProposals> propose(
            NDArray objectness,
            NDArray deltas,
            NDArray anchors,
            long[] anchorsPerLevel,
            List<int[]> imageSizes,
            boolean training) {
        int numImages = checkInputs(objectness, deltas, anchors, anchorsPerLevel, imageSizes);
        long totalAnchors = objectness.getShape().get(1);
        // only values are read from here on; DJL's stopGradient() detaches in place, which would cut the RPN loss
        NDArray scores = objectness;
        int preNms = config.preNmsTopN(training);

        NDList topPerLevel = new NDList(anchorsPerLevel.length);
        int[] levelOfColumn = new int[0];
        long offset = 0;
        for (int level = 0; level < anchorsPerLevel.length; level++) {
            int k = (int) Math.min(preNms, anchorsPerLevel[level]);
            if (k > 0) {
                NDArray levelScores = scores.get(":, " + offset + ":" + (offset + anchorsPerLevel[level]));
                topPerLevel.add(levelScores.topK(k, 1, true, true).get(1).add(offset));
                int start = levelOfColumn.length;
                levelOfColumn = Arrays.copyOf(levelOfColumn, start + k);
                Arrays.fill(levelOfColumn, start, start + k, level);
            }
            offset += anchorsPerLevel[level];
        }
        int columns = levelOfColumn.length;
        if (columns == 0) {
            return emptyProposals(numImages);
        }
        NDArray topIndex = NDArrays.concat(topPerLevel, 1);
        float[] probabilities = Activation.sigmoid(scores.gather(topIndex, 1)).toFloatArray();

        long[] firstRowOfImage = new long[numImages];
        for (int image = 0; image < numImages; image++) {
            firstRowOfImage[image] = image * totalAnchors;
        }
        NDArray imageOffsets = scores.getManager().create(firstRowOfImage).reshape(numImages, 1);
        NDArray flatIndex = topIndex.add(imageOffsets).reshape(-1);
        NDArray selectedDeltas = deltas.reshape(-1, 4).get(flatIndex);
        NDArray selectedAnchors = anchors.get(topIndex.reshape(-1));
        float[] decoded = boxCoder.decode(selectedDeltas, selectedAnchors).toFloatArray();

        List<RegionProposals> proposals = new ArrayList<>(numImages);
        for (int image = 0; image < numImages; image++) {
            float[] boxes = Arrays.copyOfRange(decoded, image * columns * 4, (image + 1) * columns * 4);
            float[] probs = Arrays.copyOfRange(probabilities, image * columns, (image + 1) * columns);
            proposals.add(filterImage(boxes, probs, levelOfColumn, imageSizes.get(image), training));
        }
        return proposals;
    }

    private static List<RegionProposals> emptyProposals(int numImages) {
        List<RegionProposals> none = new ArrayList<>(numImages);
        for (int image = 0; image < numImages; image++) {
            none.add(new RegionProposals(new float[0], new float[0]));
        }
        return none;
    }

    /** Clip, drop small and low-scoring boxes, NMS per level, keep the top-N, for one image. */
    private RegionProposals filterImage(float[] boxes, float[] probs, int[] levels, int[] imageSize, boolean training) {
        Boxes.clipToImage(boxes, imageSize[0], imageSize[1]);
        int[] keep = Boxes.keepMinSize(boxes, config.minSize());
        int kept = 0;
        for (int i : keep) {
            if (probs[i] >= config.scoreThreshold()) {
                keep[kept++] = i;
            }
        }
        keep = Arrays.copyOf(keep, kept);
        float[] keptBoxes = Boxes.selectBoxes(boxes, keep);
        float[] keptProbs = Boxes.selectValues(probs, keep);
        int[] keptLevels = Boxes.selectValues(levels, keep);
        int[] survivors =
                Nms.batchedNms(keptBoxes, keptProbs, keptLevels, config.nmsThreshold(), config.postNmsTopN(training));
        return new RegionProposals(Boxes.selectBoxes(keptBoxes, survivors), Boxes.selectValues(keptProbs, survivors));
    }

    private static int checkInputs(
            NDArray objectness, NDArray deltas, NDArray anchors, long[] anchorsPerLevel, List<int[]> imageSizes) {
        Shape o = objectness.getShape();
        if (o.dimension() != 2) {
            throw new IllegalArgumentException("objectness must be N×ΣA, got " + o);
        }
        long total = Arrays.stream(anchorsPerLevel).sum();
        if (o.get(1) != total) {
            throw new IllegalArgumentException(
                    "objectness has " + o.get(1) + " anchors per image but anchorsPerLevel sums to " + total);
        }
        if (!deltas.getShape().equals(new Shape(o.get(0), total, 4))) {
            throw new IllegalArgumentException(
                    "deltas must be " + new Shape(o.get(0), total, 4) + ", got " + deltas.getShape());
        }
        if (!anchors.getShape().equals(new Shape(total, 4))) {
            throw new IllegalArgumentException(
                    "anchors must be " + new Shape(total, 4) + ", got " + anchors.getShape());
        }
        if (imageSizes == null || imageSizes.size() != o.get(0)) {
            throw new IllegalArgumentException("imageSizes must hold one {height, width} per image (" + o.get(0) + ")");
        }
        return (int) o.get(0);
    }
}
