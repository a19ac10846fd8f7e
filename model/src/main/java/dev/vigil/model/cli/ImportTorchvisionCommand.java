package dev.vigil.model.cli;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ClassNames;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelInfo;
import dev.vigil.model.detector.TorchvisionWeights;
import dev.vigil.model.io.Sha256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil import-torchvision}: a torchvision Faster R-CNN checkpoint (.pth) into a Vigil model artifact. */
@Command(
        name = "import-torchvision",
        mixinStandardHelpOptions = true,
        description = "Import a torchvision Faster R-CNN state_dict (.pth) as a Vigil model artifact directory.")
public final class ImportTorchvisionCommand implements Callable<Integer> {

    @Option(
            names = "--arch",
            required = true,
            description = "fasterrcnn_resnet50_fpn or fasterrcnn_mobilenet_v3_large_fpn")
    String arch;

    @Option(names = "--weights", required = true, description = "the .pth file (torch.save of a state_dict)")
    Path weights;

    @Option(names = "--out", required = true, description = "artifact directory to write")
    Path out;

    @Option(
            names = "--classes",
            defaultValue = ClassNames.COCO,
            description = "'coco' (torchvision's 91 COCO names) or a file with one name per line, background first")
    String classes;

    @Option(names = "--name", description = "model name (default: the architecture)")
    String name;

    @Option(
            names = "--version",
            description = "model version (default: today and the first digits of the weights' SHA-256, "
                    + "e.g. 2026-12-07-3fa9c2d1)")
    String version;

    @Option(names = "--min-size", description = "shorter image side at inference (default: torchvision's 800)")
    Integer minSize;

    @Option(names = "--max-size", description = "cap on the longer side (default: torchvision's 1333)")
    Integer maxSize;

    @Override
    public Integer call() throws IOException {
        ArchitectureConfig config = ArchitectureConfig.forArch(arch);
        if (minSize != null || maxSize != null) {
            config = config.withTransform(config.transform()
                    .withSizes(
                            minSize != null ? minSize : config.transform().minSize(),
                            maxSize != null ? maxSize : config.transform().maxSize()));
        }
        List<String> classNames = ClassNames.resolve(classes);
        ModelInfo info = ModelInfo.now(
                name != null ? name : arch, version, weights.toAbsolutePath().toString(), Sha256.of(weights));
        try (NDManager manager = NDManager.newBaseManager()) {
            FasterRcnn model = FasterRcnn.withWeights(config, TorchvisionWeights.read(weights), manager);
            ModelArtifact written = ModelArtifact.write(out, model, classNames, info);
            System.out.println("wrote " + out + " (" + written.info().name() + " "
                    + written.info().version() + ", " + arch + ", " + classNames.size() + " classes, source sha256 "
                    + info.sourceSha256() + ")");
        }
        return 0;
    }
}
