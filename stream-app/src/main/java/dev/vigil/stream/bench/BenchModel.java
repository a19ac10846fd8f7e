package dev.vigil.stream.bench;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ClassNames;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelInfo;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The model a stream benchmark runs (a picocli mixin): {@code --model DIR}, or a randomly initialised {@code --arch}
 * model, which costs what a trained one does.
 */
final class BenchModel {

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description = "Model artifact; without it a randomly initialised --arch model (same cost) is used.")
    Path model;

    @Option(
            names = "--arch",
            defaultValue = ArchitectureConfig.MOBILENET_V3_LARGE_FPN,
            description = "Architecture of the random model. Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(
            names = "--proposals",
            defaultValue = "300",
            description = "Test-time proposals of the random model. Default: ${DEFAULT-VALUE}.")
    int proposals;

    /** The --model folder, or a random model written to {@code dir}, sized for frames of {@code width} x {@code height}. */
    Path folder(Path dir, int width, int height) throws Exception {
        if (model != null) {
            return model;
        }
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
