package dev.vigil.model.roiheads;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.roi.PoolingPath;
import dev.vigil.model.roi.RoiFeaturePooler;
import dev.vigil.model.roi.RoiPoolConfig;
import java.util.List;
import java.util.Map;

/**
 * The detection network on top of the proposals (the paper's Fast R-CNN part), as torchvision's {@code RoIHeads}:
 * the RoI pooler (no parameters), the box head (child {@code box_head}), the predictor (child
 * {@code box_predictor}) and the test-time postprocessing. Added to the model as {@code roi_heads}.
 */
public final class RoiHeads extends AbstractBlock {

    private final RoiFeaturePooler pooler;
    private final TwoMlpHead boxHead;
    private final FastRcnnPredictor boxPredictor;
    private final DetectionPostprocessor postprocessor;
    private final long featureChannels;
    private final long pooledFeatures;

    /**
     * @param featureChannels channels of the pooled feature maps
     */
    public RoiHeads(RoiPoolConfig roiPool, BoxHeadConfig settings, int numClasses, long featureChannels) {
        this.pooler = roiPool.toPooler();
        this.boxHead = addChildBlock("box_head", new TwoMlpHead(settings.representationSize(), settings.dropout()));
        this.boxPredictor = addChildBlock("box_predictor", new FastRcnnPredictor(numClasses));
        this.postprocessor = new DetectionPostprocessor(settings);
        this.featureChannels = featureChannels;
        this.pooledFeatures = roiPool.pooledFeatures(featureChannels);
    }

    /** For inference only: see {@link TwoMlpHead#usePackedKernel}. */
    public void usePackedKernel(TwoMlpHead.PackedKernel kernel) {
        boxHead.usePackedKernel(kernel);
    }

    /** For inference only: see {@link TwoMlpHead#readChannelsLastInput}. */
    public void readChannelsLastFeatures() {
        boxHead.readChannelsLastInput(featureChannels);
    }

    /**
     * ΣK×C×PH×PW pooled features of the proposals; see {@link RoiFeaturePooler}. Gradients reach the features only
     * when {@code training}; otherwise CPU features are pooled on the fast JVM path ({@link PoolingPath#of}).
     */
    public NDArray pool(
            Map<String, NDArray> features, List<float[]> proposals, List<ImageSize> imageSizes, boolean training) {
        Device device = features.values().iterator().next().getDevice();
        return pooler.pool(features, proposals, imageSizes, PoolingPath.of(training, device));
    }

    /** Class logits ΣK×C and box deltas ΣK×4C of pooled features. */
    public NDList predict(ParameterStore parameterStore, NDArray pooled, boolean training) {
        return forward(parameterStore, new NDList(pooled), training);
    }

    /** Detections in resized-image pixels from {@link #predict}'s outputs. */
    public List<ImageDetections> postprocess(NDList predictions, List<float[]> proposals, List<ImageSize> imageSizes) {
        return postprocessor.apply(predictions.get(0), predictions.get(1), proposals, imageSizes);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList features = boxHead.forward(parameterStore, inputs, training, params);
        return boxPredictor.forward(parameterStore, features, training, params);
    }

    /** Initializes from the pooled features' shape: pass K×C×PH×PW, or nothing to use one RoI. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pooled = inputShapes.length > 0 ? inputShapes[0] : new Shape(1, pooledFeatures);
        boxHead.initialize(manager, dataType, pooled);
        boxPredictor.initialize(manager, dataType, boxHead.getOutputShapes(new Shape[] {pooled}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return boxPredictor.getOutputShapes(boxHead.getOutputShapes(inputShapes));
    }
}
