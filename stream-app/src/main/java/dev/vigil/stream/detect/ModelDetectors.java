package dev.vigil.stream.detect;

import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes detectors from one model artifact, read and verified once ({@link ModelArtifact#read}: every file against the
 * artifact's manifest, held in memory). Every detector, for every stream thread, replaced threads included, is made
 * from that one copy, so what runs never depends on the folder after start-up. Each detector runs once on a blank
 * image before it is handed out: the network is warm, and a model that builds but cannot run fails here, not in a
 * stream thread.
 */
public final class ModelDetectors implements DetectorFactory {

    private static final Logger log = LoggerFactory.getLogger(ModelDetectors.class);

    /** Where the shipped default model lives, relative to the working directory. */
    public static final String DEFAULT_MODEL_DIR = "models/vigil-default";

    private static final int WARM_UP_SIDE = 64;

    private final ModelArtifact artifact;
    private final DeviceChoice device;
    private final ModelIdentity model;
    private final String source;

    private ModelDetectors(ModelArtifact artifact, DeviceChoice device, String source) {
        this.artifact = artifact;
        this.device = device;
        this.model = new ModelIdentity(artifact.info().name(), artifact.info().version(), artifact.weightsSha256());
        this.source = source;
    }

    /**
     * Reads and verifies the artifact in {@code modelDir} once.
     *
     * @throws IllegalArgumentException naming the directory when it is missing or not a valid artifact
     */
    public static ModelDetectors open(Path modelDir, DeviceChoice device) {
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("Model directory " + modelDir.toAbsolutePath() + " does not exist. "
                    + "Point --model at a model artifact: import torchvision weights with 'vigil import-torchvision', "
                    + "or train one.");
        }
        try {
            long start = System.nanoTime();
            ModelArtifact artifact = ModelArtifact.read(modelDir);
            log.info(
                    "Read and verified {} ({} files, {} bytes, manifest {}) in {} ms",
                    modelDir,
                    artifact.files().digests().size(),
                    artifact.files().totalBytes(),
                    artifact.hasManifest() ? "checked" : "absent: files read as they are",
                    (System.nanoTime() - start) / 1_000_000);
            return new ModelDetectors(
                    artifact, device, modelDir.toAbsolutePath().normalize().toString());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "Model directory " + modelDir.toAbsolutePath() + " is not a usable model artifact: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Detectors of an artifact already read and verified (e.g. a release's). */
    public static ModelDetectors of(ModelArtifact artifact, DeviceChoice device, String source) {
        return new ModelDetectors(artifact, device, source);
    }

    public ModelArtifact artifact() {
        return artifact;
    }

    @Override
    public ModelIdentity model() {
        return model;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public DeviceChoice device() {
        return device;
    }

    public String modelName() {
        return model.name();
    }

    public String modelVersion() {
        return model.version();
    }

    /**
     * A detector on the verified copy, run once on a blank image.
     *
     * @throws IllegalStateException naming the model when it cannot be built or run
     */
    @Override
    public FrameBatchDetector get() {
        Detector detector;
        try {
            detector = Detector.load(artifact, device.device());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load model " + model + " from " + source + ": " + e.getMessage(), e);
        }
        try {
            float[] grey = new float[3 * WARM_UP_SIDE * WARM_UP_SIDE];
            Arrays.fill(grey, 0.5f);
            detector.detect(List.of(new RgbImage("warm-up", new ImageSize(WARM_UP_SIDE, WARM_UP_SIDE), grey)));
        } catch (RuntimeException e) {
            detector.close();
            throw new IllegalStateException(
                    "Model " + model + " from " + source + " does not run: " + e.getMessage(), e);
        }
        return new ModelFrameDetector(detector, model);
    }
}
