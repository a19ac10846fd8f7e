package dev.vigil.model.train;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A training run's resumable state in {@code RUN/checkpoints/}: {@value #STATE} (phase, iterations done, the recipe,
 * the training time so far), the networks' weights and the optimizer's momentum. {@value #STATE} is replaced last and
 * atomically, so a run killed while writing resumes from the previous checkpoint. A run resumes only with the recipe
 * it was started with: another one would not train what it says.
 *
 * @param phase index of the phase in {@link TrainingRecipe#phases()}
 * @param iterationsDone iterations of that phase already applied
 * @param recipe what the run trains ({@code null} in checkpoints written before recipes were kept; then only the
 *     architecture is known and checked)
 * @param trainingMillis time spent training up to this checkpoint, over every session of the run
 * @param finishedAt when the last iteration of the run was done (ISO-8601), or null before
 */
public record TrainingCheckpoint(
        int phase,
        int iterationsDone,
        ArchitectureConfig architecture,
        TrainingRecipe recipe,
        long trainingMillis,
        String finishedAt) {

    public static final String DIR = "checkpoints";
    public static final String STATE = "state.json";
    private static final int MAX_LISTED_CHANGES = 6;
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
                new Stored(
                        state.phase,
                        state.iterationsDone,
                        generation,
                        network1 != null,
                        state.architecture,
                        state.recipe,
                        state.trainingMillis,
                        state.finishedAt));
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

    /** The state stored in {@value #STATE}; fields added later are null or 0 in older files. */
    private record Stored(
            int phase,
            int iterationsDone,
            int generation,
            boolean hasNetwork1,
            ArchitectureConfig architecture,
            TrainingRecipe recipe,
            long trainingMillis,
            String finishedAt) {}

    /** What a resumed run restores. */
    record Restored(TrainingCheckpoint state, StateDict network0, StateDict network1, StateDict optimizer) {}

    /**
     * Reads the run's checkpoint if it has one.
     *
     * @throws IllegalArgumentException when it was written for another recipe ({@link #checkResumable})
     */
    static Optional<Restored> read(Path runDir, TrainingRecipe expected) throws IOException {
        Optional<Stored> found = readState(runDir);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Stored stored = found.get();
        checkSameRecipe(runDir, stored, expected);
        Path dir = runDir.resolve(DIR);
        StateDict network1 =
                stored.hasNetwork1() ? SafetensorsFile.read(dir.resolve(networkFile(1, stored.generation()))) : null;
        return Optional.of(new Restored(
                new TrainingCheckpoint(
                        stored.phase(),
                        stored.iterationsDone(),
                        stored.architecture(),
                        stored.recipe(),
                        stored.trainingMillis(),
                        stored.finishedAt()),
                SafetensorsFile.read(dir.resolve(networkFile(0, stored.generation()))),
                network1,
                SafetensorsFile.read(dir.resolve(optimizerFile(stored.generation())))));
    }

    /**
     * Checks that the run in {@code runDir} may go on with {@code recipe}: it has no checkpoint yet, or its checkpoint
     * was written with the same recipe (the checkpoint interval aside). Resuming with another recipe would not train
     * what that recipe says: a finished run would not train the extra iterations, and a changed schedule or loss
     * would apply only to the iterations left.
     *
     * @throws IllegalArgumentException naming what changed and what to do instead
     */
    public static void checkResumable(Path runDir, TrainingRecipe recipe) throws IOException {
        Optional<Stored> stored = readState(runDir);
        if (stored.isPresent()) {
            checkSameRecipe(runDir, stored.get(), recipe);
        }
    }

    private static Optional<Stored> readState(Path runDir) throws IOException {
        Path dir = runDir.resolve(DIR);
        Path stateFile = dir.resolve(STATE);
        if (!Files.isRegularFile(stateFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(stateFile.toFile(), Stored.class));
        } catch (IOException e) {
            throw new ModelArtifactException(dir, STATE, "unreadable: " + e.getMessage(), e);
        }
    }

    private static void checkSameRecipe(Path runDir, Stored stored, TrainingRecipe expected) {
        Path stateFile = runDir.resolve(DIR).resolve(STATE);
        JsonNode was = JSON.valueToTree(stored.architecture());
        JsonNode is = JSON.valueToTree(expected.architecture());
        if (!was.equals(is)) {
            throw new IllegalArgumentException("checkpoint " + stateFile + " was written for architecture '"
                    + stored.architecture().arch() + "' with "
                    + stored.architecture().numClasses()
                    + " classes and other settings; this run trains '"
                    + expected.architecture().arch() + "' with "
                    + expected.architecture().numClasses() + " classes: use another --out or the same architecture");
        }
        if (stored.recipe() == null) {
            return;
        }
        List<String> changes = new ArrayList<>();
        differences(
                JSON.valueToTree(stored.recipe().withCheckpointEvery(expected.checkpointEvery())),
                JSON.valueToTree(expected),
                "",
                changes);
        if (!changes.isEmpty()) {
            String state = stored.finishedAt() != null
                    ? "finished"
                    : "stopped in phase " + (stored.phase() + 1) + " after " + stored.iterationsDone() + " iterations";
            throw new IllegalArgumentException("the run in " + runDir + " (" + state + ") was trained with another "
                    + "recipe; resuming it with this one would not train what this one says. Changed: "
                    + String.join(", ", changes) + ". Re-run with the run's own recipe (--recipe "
                    + runDir.resolve(TrainingRun.RECIPE)
                    + ") to resume it, or train the new recipe into another --out.");
        }
    }

    /** Adds "path: old -> new" for each leaf where {@code a} and {@code b} differ (at most a few). */
    private static void differences(JsonNode a, JsonNode b, String path, List<String> out) {
        if (out.size() >= MAX_LISTED_CHANGES || a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                differences(a.path(name), b.path(name), path.isEmpty() ? name : path + "." + name, out);
            }
        } else {
            out.add(path + " " + a + " -> " + b);
        }
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
