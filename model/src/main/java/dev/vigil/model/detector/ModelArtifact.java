package dev.vigil.model.detector;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.model.io.AtomicFile;
import dev.vigil.model.io.SafetensorsFile;
import dev.vigil.model.io.Sha256;
import dev.vigil.model.io.StateDict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trained or imported detector, one directory on disk:
 * <ul>
 *   <li>{@value #CONFIG}: the {@link ArchitectureConfig} (JSON)</li>
 *   <li>{@value #WEIGHTS}: every parameter under its torchvision state_dict key ({@link SafetensorsFile})</li>
 *   <li>{@value #CLASSES}: one class name per line, background first</li>
 *   <li>{@value #INFO}: the {@link ModelInfo} (name, version, provenance)</li>
 *   <li>{@value #TRAINING} (optional): how it was trained and validated</li>
 *   <li>{@value ArtifactManifest#FILE}: the SHA-256 and size of every other file ({@link ArtifactManifest})</li>
 * </ul>
 * {@link #read} reads every file once into memory and checks it against the manifest (an artifact written before
 * manifests existed is read as it is, and checked for consistency only); everything made from the artifact afterwards
 * ({@link #loadModel}, every detector) is made from that one verified copy, whatever happens to the directory.
 *
 * @param directory where it was read from (or written to)
 * @param files the files as read, with their digests
 */
public record ModelArtifact(
        Path directory, ArchitectureConfig config, List<String> classNames, ModelInfo info, ArtifactFiles files) {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "weights.safetensors";
    public static final String CLASSES = "classes.txt";
    public static final String INFO = "model.json";
    public static final String TRAINING = "training.json";
    /** The files every artifact has. */
    public static final List<String> REQUIRED = List.of(CONFIG, WEIGHTS, CLASSES, INFO);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ModelArtifact {
        classNames = List.copyOf(classNames);
    }

    /**
     * Writes a model with its classes and provenance into {@code directory} (created if needed), each file atomically,
     * the manifest last. A {@code null} version in {@code info} becomes the default one ({@link ModelVersion#of}).
     *
     * @return the artifact as read back from the directory
     */
    public static ModelArtifact write(Path directory, FasterRcnn model, List<String> classNames, ModelInfo info)
            throws IOException {
        ArchitectureConfig config = model.config();
        if (classNames.size() != config.numClasses()) {
            throw new IllegalArgumentException(classNames.size() + " class names for a model with "
                    + config.numClasses() + " classes (background included)");
        }
        Files.createDirectories(directory);
        Path weights = directory.resolve(WEIGHTS);
        AtomicFile.write(weights, temporary -> SafetensorsFile.write(temporary, model));
        ModelInfo stamped =
                info.version() == null ? info.withVersion(ModelVersion.of(info.created(), Sha256.of(weights))) : info;
        ModelVersion.checkVersion(stamped.version());
        AtomicFile.writeJson(JSON, directory.resolve(CONFIG), config);
        AtomicFile.writeJson(JSON, directory.resolve(INFO), stamped);
        AtomicFile.write(directory.resolve(CLASSES), temporary -> ClassNames.write(temporary, classNames));
        ArtifactManifest.writeFor(directory);
        return read(directory);
    }

    /**
     * Reads every file of the artifact into memory, checks each against the manifest when there is one, and checks
     * that configuration, classes and provenance are readable and agree. The weights are decoded by {@link
     * #loadModel}.
     *
     * @throws ModelArtifactException naming the directory, the file and the cause
     */
    public static ModelArtifact read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ModelArtifactException(directory, ".", "not a directory");
        }
        Path manifestFile = directory.resolve(ArtifactManifest.FILE);
        ArtifactManifest manifest = null;
        String manifestSha256 = null;
        Set<String> names = new TreeSet<>(REQUIRED);
        if (Files.isRegularFile(manifestFile)) {
            byte[] manifestBytes = readBounded(directory, ArtifactManifest.FILE, ArtifactManifest.MAX_MANIFEST_BYTES);
            manifest = ArtifactManifest.parse(manifestBytes, directory);
            manifestSha256 = Sha256.of(manifestBytes);
            for (String required : REQUIRED) {
                if (!manifest.files().containsKey(required)) {
                    throw new ModelArtifactException(directory, required, "not listed in " + ArtifactManifest.FILE);
                }
            }
            names.addAll(manifest.files().keySet());
        } else if (Files.isRegularFile(directory.resolve(TRAINING))) {
            names.add(TRAINING);
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, String> digests = new LinkedHashMap<>();
        for (String name : names) {
            long limit = manifest == null
                    ? ArtifactManifest.MAX_FILE_BYTES
                    : manifest.files().get(name).bytes();
            byte[] content = readBounded(directory, name, limit);
            if (manifest != null) {
                manifest.check(directory, name, content);
            }
            contents.put(name, content);
            digests.put(name, Sha256.of(content));
        }
        ArtifactFiles files = new ArtifactFiles(contents, digests, manifestSha256);
        ArchitectureConfig config = readJson(directory, files, CONFIG, ArchitectureConfig.class);
        ModelInfo info = readJson(directory, files, INFO, ModelInfo.class);
        List<String> classNames;
        try {
            classNames = ClassNames.parse(new String(files.bytes(CLASSES), StandardCharsets.UTF_8), CLASSES);
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
        return new ModelArtifact(directory, config, classNames, info, files);
    }

    /** The same artifact with another configuration (e.g. a different score threshold). */
    public ModelArtifact withConfig(ArchitectureConfig newConfig) {
        return new ModelArtifact(directory, newConfig, classNames, info, files);
    }

    /** SHA-256 (hex) of the weights: what detection events name as the model's digest. */
    public String weightsSha256() {
        return files.sha256(WEIGHTS);
    }

    /** True when the files were checked against a manifest. */
    public boolean hasManifest() {
        return files.manifestSha256().isPresent();
    }

    /**
     * Builds the model and loads the weights, from memory, into {@code manager}; errors name the file and the
     * offending keys.
     */
    public FasterRcnn loadModel(NDManager manager) throws IOException {
        StateDict weights = weights();
        try {
            return FasterRcnn.withWeights(config, weights, manager);
        } catch (IllegalArgumentException e) {
            throw new ModelArtifactException(directory, WEIGHTS, e.getMessage(), e);
        }
    }

    /** The weights as read and verified (the torch keys of the model's parameters). */
    public StateDict weights() throws IOException {
        return SafetensorsFile.read(directory.resolve(WEIGHTS).toString(), files.bytes(WEIGHTS));
    }

    /** Reads a file of at most {@code limit} bytes, or fails naming it. */
    private static byte[] readBounded(Path directory, String name, long limit) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new ModelArtifactException(directory, name, "missing");
        }
        long size = Files.size(file);
        if (size > limit) {
            throw new ModelArtifactException(directory, name, size + " bytes, more than the " + limit + " expected");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes((int) limit);
            if (in.read() >= 0) {
                throw new ModelArtifactException(directory, name, "grew past " + limit + " bytes while being read");
            }
            return content;
        }
    }

    private static <T> T readJson(Path directory, ArtifactFiles files, String file, Class<T> type)
            throws ModelArtifactException {
        try {
            return JSON.readValue(files.bytes(file), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelArtifactException(directory, file, "unreadable: " + e.getMessage(), e);
        }
    }
}
