package dev.vigil.model.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole training run in one folder: {@value #RECIPE}, the {@link TrainingLog}, checkpoints, the
 * {@link LossCurve} PNG and the trained model artifact in {@value #MODEL_DIR}/ with its provenance
 * ({@value #PROVENANCE}: data, recipe, duration, final losses).
 */
public final class TrainingRun {

    public static final String RECIPE = "recipe.json";
    public static final String MODEL_DIR = "model";
    public static final String PROVENANCE = "training.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TrainingRecipe recipe;
    private final TrainingData data;
    private final ClassMap classMap;
    private final Path runDir;

    public TrainingRun(TrainingRecipe recipe, TrainingData data, ClassMap classMap, Path runDir) {
        if (classMap.numClasses() != recipe.architecture().numClasses()) {
            throw new IllegalArgumentException("the class map has " + classMap.numClasses()
                    + " classes but the architecture " + recipe.architecture().numClasses());
        }
        this.recipe = recipe;
        this.data = data;
        this.classMap = classMap;
        this.runDir = runDir;
    }

    /** What the run produced. */
    public record Result(ModelArtifact model, Path lossCurve, Duration duration, LossValues lastLosses) {}

    /**
     * Trains (resuming from the folder's checkpoint if there is one) and writes the artifact.
     *
     * @param modelName the artifact's name
     * @param dataDescription where the training data came from, for the provenance
     * @param extraListener also told of progress (a progress bar), or null
     */
    public Result run(String modelName, String dataDescription, String dataSha256, TrainingListener extraListener)
            throws IOException {
        Files.createDirectories(runDir);
        JSON.writeValue(runDir.resolve(RECIPE).toFile(), recipe);
        Instant start = Instant.now();
        try (TrainingLog log = new TrainingLog(runDir);
                NDManager manager = NDManager.newBaseManager()) {
            FasterRcnn model = new Trainer(recipe, data, runDir, TrainingListener.all(log, extraListener)).run(manager);
            Duration duration = Duration.between(start, Instant.now());
            Path lossCurve = runDir.resolve(LossCurve.FILE);
            List<TrainingLog.Entry> history = TrainingLog.read(runDir);
            LossCurve.write(lossCurve, history);
            LossValues last = history.get(history.size() - 1).losses();
            Path modelDir = runDir.resolve(MODEL_DIR);
            ModelInfo info =
                    ModelInfo.now(modelName, Instant.now().toString().substring(0, 10), dataDescription, dataSha256);
            ModelArtifact artifact = ModelArtifact.write(modelDir, model, classMap.names(), info);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("data", dataDescription);
            provenance.put("data_sha256", dataSha256);
            provenance.put("images", data.size());
            provenance.put("recipe", recipe);
            provenance.put(
                    "phases", recipe.phases().stream().map(TrainingPhase::name).toList());
            provenance.put("duration_s", duration.toSeconds());
            provenance.put("final_losses", last);
            JSON.writeValue(modelDir.resolve(PROVENANCE).toFile(), provenance);
            return new Result(artifact, lossCurve, duration, last);
        }
    }

    /** Adds validation metrics to the model's provenance. */
    public static void addMetrics(ModelArtifact model, Map<?, ?> metrics) throws IOException {
        Path file = model.directory().resolve(PROVENANCE);
        @SuppressWarnings("unchecked")
        Map<String, Object> provenance = JSON.readValue(file.toFile(), Map.class);
        provenance.put("validation", metrics);
        JSON.writeValue(file.toFile(), provenance);
    }
}
