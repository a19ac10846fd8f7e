package dev.vigil.model.backbone;

import dev.vigil.model.anchor.AnchorConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's {@code fasterrcnn_mobilenet_v3_large_fpn} backbone: MobileNetV3-Large's last two stages into an FPN,
 * maps "0" and "1" at stride 32 and "pool" at 64, all five anchor sizes (32 to 512) on each map.
 */
public final class MobileNetV3LargeFpnSpec implements BackboneSpec {

    public static final String NAME = "MOBILENET_V3_LARGE_FPN";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DetectionBackbone build() {
        return Backbones.mobileNetV3LargeFpn();
    }

    @Override
    public List<FeatureMap> featureMaps() {
        return List.of(
                new FeatureMap("0", 32), new FeatureMap("1", 32), new FeatureMap(LastLevelMaxPool.FEATURE_NAME, 64));
    }

    @Override
    public AnchorConfig defaultAnchors() {
        return AnchorConfig.sameOnEveryLevel(featureMaps().size(), AnchorConfig.FPN_SIZES);
    }

    /** The modules of {@code features} before the top {@code trainableLayers} stages stay fixed (torchvision's rule). */
    @Override
    public List<String> frozenLayers(int trainableLayers) {
        List<Integer> stages = MobileNetV3.stageIndices(MobileNetV3.LARGE);
        int modules = MobileNetV3.LARGE.size() + 2;
        if (trainableLayers < 0 || trainableLayers > stages.size()) {
            throw new IllegalArgumentException(
                    "MobileNetV3 trainable layers must be in [0, " + stages.size() + "], got " + trainableLayers);
        }
        int freezeBefore = trainableLayers == 0 ? modules : stages.get(stages.size() - trainableLayers);
        List<String> frozen = new ArrayList<>();
        for (int i = 0; i < freezeBefore; i++) {
            frozen.add("body." + i + ".");
        }
        return frozen;
    }
}
