package dev.vigil.stream.testing;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ClassNames;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelInfo;
import dev.vigil.model.roiheads.BoxHeadConfig;
import dev.vigil.model.transform.TransformConfig;
import java.nio.file.Path;

/**
 * A real Faster R-CNN (MobileNetV3-Large-FPN, randomly initialised, small input size) written as a model artifact,
 * so stream tests run the real detector quickly. Its detections are meaningless but real: the score threshold is 0,
 * so every frame yields boxes.
 */
public final class SmallModels {

    public static final String NAME = "test-mobilenet";
    public static final String VERSION = "0.0.1";

    private SmallModels() {}

    public static Path writeRandomMobileNet(Path dir) throws Exception {
        return writeRandomMobileNet(dir, NAME, VERSION);
    }

    /** Another random model under a name and version of its own (null version: the default, date and digest). */
    public static Path writeRandomMobileNet(Path dir, String name, String version) throws Exception {
        ArchitectureConfig config = ArchitectureConfig.mobileNetV3LargeFpn()
                .withTransform(TransformConfig.torchvision().withSizes(160, 240))
                .withRpn(ArchitectureConfig.mobileNetV3LargeFpn().rpn().withTestTopN(100, 30))
                .withBoxHead(BoxHeadConfig.torchvision().withScoreThreshold(0f));
        try (NDManager manager = NDManager.newBaseManager()) {
            FasterRcnn model = FasterRcnn.initialized(config, manager);
            ModelArtifact.write(dir, model, ClassNames.coco(), ModelInfo.now(name, version, "random init", "none"));
        }
        return dir;
    }
}
