package dev.vigil.model.detector;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.model.io.SafetensorsFile;
import dev.vigil.model.io.StateDict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A trained or imported detector on disk, one directory:
 * <ul>
 *   <li>{@value #CONFIG}: the {@link ArchitectureConfig} (JSON)</li>
 *   <li>{@value #WEIGHTS}: every parameter under its torchvision state_dict key ({@link SafetensorsFile})</li>
 *   <li>{@value #CLASSES}: one class name per line, background first</li>
 *   <li>{@value #INFO}: the {@link ModelInfo} (name, version, provenance)</li>
 * </ul>
 * Reading checks every file and names the one that is missing or wrong.
 *
 * @param directory where it was read from
 */
public record ModelArtifact(Path directory, ArchitectureConfig config, List<String> classNames, ModelInfo info) {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "weights.safetensors";
    public static final String CLASSES = "classes.txt";
    public static final String INFO = "model.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelArtifact {
        classNames = List.copyOf(classNames);
    }

    /** Writes a model with its classes and provenance into {@code directory} (created if needed). */
    public static ModelArtifact write(Path directory, FasterRcnn model, List<String> classNames, ModelInfo info)
            throws IOException {
        ArchitectureConfig config = model.config();
        if (classNames.size() != config.numClasses()) {
            throw new IllegalArgumentException(classNames.size() + " class names for a model with "
                    + config.numClasses() + " classes (background included)");
        }
        Files.createDirectories(directory);
        JSON.writeValue(directory.resolve(CONFIG).toFile(), config);
        JSON.writeValue(directory.resolve(INFO).toFile(), info);
        ClassNames.write(directory.resolve(CLASSES), classNames);
        SafetensorsFile.write(directory.resolve(WEIGHTS), model);
        return new ModelArtifact(directory, config, classNames, info);
    }

    /** Reads and checks the configuration, classes and provenance; the weights are read by {@link #loadModel}. */
    public static ModelArtifact read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ModelArtifactException(directory, ".", "not a directory");
        }
        for (String file : List.of(CONFIG, WEIGHTS, CLASSES, INFO)) {
            if (!Files.isRegularFile(directory.resolve(file))) {
                throw new ModelArtifactException(directory, file, "missing");
            }
        }
        ArchitectureConfig config = readJson(directory, CONFIG, ArchitectureConfig.class);
        ModelInfo info = readJson(directory, INFO, ModelInfo.class);
        List<String> classNames;
        try {
            classNames = ClassNames.read(directory.resolve(CLASSES));
        } catch (IllegalArgumentException e) {
            throw new ModelArtifactException(directory, CLASSES, e.getMessage(), e);
        }
        if (classNames.size() != config.numClasses()) {
            throw new ModelArtifactException(
                    directory,
                    CLASSES,
                    classNames.size() + " names, but " + CONFIG + " says " + config.numClasses()
                            + " classes (background included)");
        }
        return new ModelArtifact(directory, config, classNames, info);
    }

    /** The same artifact with another configuration (e.g. a different score threshold). */
    public ModelArtifact withConfig(ArchitectureConfig newConfig) {
        return new ModelArtifact(directory, newConfig, classNames, info);
    }

    /** Builds the model and loads the weights into {@code manager}; errors name the file and the offending keys. */
    public FasterRcnn loadModel(NDManager manager) throws IOException {
        StateDict weights = SafetensorsFile.read(directory.resolve(WEIGHTS));
        try {
            return FasterRcnn.withWeights(config, weights, manager);
        } catch (IllegalArgumentException e) {
            throw new ModelArtifactException(directory, WEIGHTS, e.getMessage(), e);
        }
    }

    private static <T> T readJson(Path directory, String file, Class<T> type) throws ModelArtifactException {
        try {
            return JSON.readValue(directory.resolve(file).toFile(), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelArtifactException(directory, file, "unreadable: " + e.getMessage(), e);
        }
    }
}
