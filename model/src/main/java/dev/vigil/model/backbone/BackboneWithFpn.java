package dev.vigil.model.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's {@code BackboneWithFPN}: {@code body} (an {@link IntermediateLayerGetter} over a classification
 * network) feeds its returned layers to {@code fpn}. Outputs "0".."k−1" (one per returned layer, highest
 * resolution first) and "pool", all with the FPN's channels.
 */
public final class BackboneWithFpn extends DetectionBackbone {

    private final IntermediateLayerGetter body;
    private final FeaturePyramidNetwork fpn;
    private final List<String> featureMapNames;

    /**
     * @param body the feature extractor; its returned layers must have {@code inChannels} channels
     * @param inChannels channels of each returned layer, in order
     * @param outChannels FPN channels
     */
    public BackboneWithFpn(IntermediateLayerGetter body, List<Integer> inChannels, int outChannels) {
        if (inChannels.size() != body.returnedModules().size()) {
            throw new IllegalArgumentException(inChannels.size() + " input channel counts for "
                    + body.returnedModules().size() + " returned layers " + body.returnedModules());
        }
        this.body = addChildBlock("body", body);
        this.fpn = addChildBlock("fpn", new FeaturePyramidNetwork(inChannels, outChannels, true));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inChannels.size(); i++) {
            names.add(String.valueOf(i));
        }
        names.add(LastLevelMaxPool.FEATURE_NAME);
        this.featureMapNames = List.copyOf(names);
    }

    public IntermediateLayerGetter body() {
        return body;
    }

    public FeaturePyramidNetwork fpn() {
        return fpn;
    }

    @Override
    public int outChannels() {
        return fpn.outChannels();
    }

    @Override
    public List<String> featureMapNames() {
        return featureMapNames;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList features = body.forward(ps, inputs, training, params);
        NDList pyramid = fpn.forward(ps, features, training, params);
        features.close();
        return pyramid;
    }
}
