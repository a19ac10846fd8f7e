package dev.vigil.model.train;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifactException;
import dev.vigil.model.io.AtomicFile;
import dev.vigil.model.io.SafetensorsFile;
import dev.vigil.model.io.StateDict;
import dev.vigil.model.io.StateDictLoader;
import dev.vigil.model.io.StoredTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A training run's resumable state in {@code RUN/checkpoints/}: {@value #STATE} (phase, iterations done, the
 * architecture), the networks' weights and the optimizer's momentum. {@value #STATE} is replaced last and
 * atomically, so a run killed while writing resumes from the previous checkpoint.
 *
 * @param phase index of the phase in {@link TrainingRecipe#phases()}
 * @param iterationsDone iterations of that phase already applied
 */
public record TrainingCheckpoint(int phase, int iterationsDone, ArchitectureConfig architecture) {

    public static final String DIR = "checkpoints";
    public static final String STATE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static String networkFile(int network, int generation) {
        return "network" + network + "-" + generation + ".safetensors";
    }

    private static String optimizerFile(int generation) {
        return "sgd-" + generation + ".safetensors";
    }

    /** Writes the state after {@code iterationsDone} iterations of {@code phase}. */
    static void write(Path runDir, TrainingCheckpoint state, FasterRcnn network0, FasterRcnn network1, Sgd sgd)
            throws IOException {
        Path dir = Files.createDirectories(runDir.resolve(DIR));
        int generation = state.phase * 10_000_000 + state.iterationsDone;
        SafetensorsFile.write(dir.resolve(networkFile(0, generation)), network0);
        if (network1 != null) {
            SafetensorsFile.write(dir.resolve(networkFile(1, generation)), network1);
        }
        SafetensorsFile.write(dir.resolve(optimizerFile(generation)), new java.util.TreeMap<>(sgd.velocities()));
        AtomicFile.writeJson(
                JSON,
                dir.resolve(STATE),
                new Stored(state.phase, state.iterationsDone, generation, network1 != null, state.architecture));
        try (var old = Files.list(dir)) {
            old.filter(f -> f.getFileName().toString().endsWith(".safetensors")
                            && !f.getFileName().toString().endsWith("-" + generation + ".safetensors"))
                    .forEach(f -> {
                        try {
                            Files.delete(f);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
        }
    }

    /** The state stored in {@value #STATE}. */
    private record Stored(
            int phase, int iterationsDone, int generation, boolean hasNetwork1, ArchitectureConfig architecture) {}

    /** What a resumed run restores. */
    record Restored(TrainingCheckpoint state, StateDict network0, StateDict network1, StateDict optimizer) {}

    /**
     * Reads the run's checkpoint if it has one.
     *
     * @throws IllegalArgumentException when it was written for another architecture
     */
    static Optional<Restored> read(Path runDir, ArchitectureConfig expected) throws IOException {
        Path dir = runDir.resolve(DIR);
        Path stateFile = dir.resolve(STATE);
        if (!Files.isRegularFile(stateFile)) {
            return Optional.empty();
        }
        Stored stored;
        try {
            stored = JSON.readValue(stateFile.toFile(), Stored.class);
        } catch (IOException e) {
            throw new ModelArtifactException(dir, STATE, "unreadable: " + e.getMessage(), e);
        }
        String was = JSON.writeValueAsString(stored.architecture());
        String is = JSON.writeValueAsString(expected);
        if (!was.equals(is)) {
            throw new IllegalArgumentException("checkpoint " + stateFile + " was written for architecture '"
                    + stored.architecture().arch() + "' with "
                    + stored.architecture().numClasses()
                    + " classes and other settings; this run trains '" + expected.arch() + "' with "
                    + expected.numClasses() + " classes: use another --out or the same architecture");
        }
        StateDict network1 =
                stored.hasNetwork1() ? SafetensorsFile.read(dir.resolve(networkFile(1, stored.generation()))) : null;
        return Optional.of(new Restored(
                new TrainingCheckpoint(stored.phase(), stored.iterationsDone(), stored.architecture()),
                SafetensorsFile.read(dir.resolve(networkFile(0, stored.generation()))),
                network1,
                SafetensorsFile.read(dir.resolve(optimizerFile(stored.generation())))));
    }

    /** Loads restored weights into a network built for them. */
    static void load(FasterRcnn network, StateDict weights) {
        StateDictLoader.strict().load(network, weights);
    }

    /** Restores the momentum buffers. */
    static void restore(Sgd sgd, StateDict optimizer) {
        for (Map.Entry<String, StoredTensor> entry : optimizer.tensors().entrySet()) {
            sgd.restore(
                    entry.getKey(),
                    entry.getValue().floats(),
                    new Shape(entry.getValue().shape()));
        }
    }
}
