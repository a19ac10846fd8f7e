package dev.vigil.stream.detect;

import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.detector.ModelArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Makes detectors from one model artifact, checked once up front so that a missing or broken model fails the
 * command at start with a clear message rather than inside a stream thread.
 */
public final class ModelDetectors implements Supplier<FrameBatchDetector> {

    /** Where the shipped default model lives, relative to the working directory. */
    public static final String DEFAULT_MODEL_DIR = "models/vigil-default";

    private final ModelArtifact artifact;
    private final DeviceChoice device;

    private ModelDetectors(ModelArtifact artifact, DeviceChoice device) {
        this.artifact = artifact;
        this.device = device;
    }

    /**
     * @throws IllegalArgumentException naming the directory when it is missing or not a valid artifact
     */
    public static ModelDetectors open(Path modelDir, DeviceChoice device) {
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("Model directory " + modelDir.toAbsolutePath() + " does not exist. "
                    + "Point --model at a model artifact: import torchvision weights with 'vigil import-torchvision', "
                    + "or train one.");
        }
        try {
            return new ModelDetectors(ModelArtifact.read(modelDir), device);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Model directory " + modelDir.toAbsolutePath() + " is not a usable model artifact: "
                            + e.getMessage(),
                    e);
        }
    }

    public String modelName() {
        return artifact.info().name();
    }

    public String modelVersion() {
        return artifact.info().version();
    }

    @Override
    public FrameBatchDetector get() {
        try {
            return new ModelFrameDetector(Detector.load(artifact, device.device()), modelName(), modelVersion());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load model " + artifact.directory() + ": " + e.getMessage(), e);
        }
    }
}
