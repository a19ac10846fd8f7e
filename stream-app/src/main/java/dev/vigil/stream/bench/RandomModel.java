package dev.vigil.stream.bench;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ClassNames;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelInfo;
import java.nio.file.Path;

/** A randomly initialised model artifact of a given architecture: what a trained one costs, for benchmarks. */
final class RandomModel {

    private RandomModel() {}

    /** Writes the model sized for frames of {@code width} x {@code height}, with {@code proposals} at test time. */
    static Path write(Path dir, String arch, int proposals, int width, int height) throws Exception {
        ArchitectureConfig base = ArchitectureConfig.forArch(arch);
        ArchitectureConfig config = base.withTransform(
                        base.transform().withSizes(Math.min(width, height), Math.max(width, height)))
                .withRpn(base.rpn().withTestTopN(base.rpn().preNmsTopN(false), proposals));
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelArtifact.write(
                    dir,
                    FasterRcnn.initialized(config, manager),
                    ClassNames.coco(),
                    ModelInfo.now(arch + "-random", "bench", "random init", "none"));
        }
        return dir;
    }
}
