package dev.vigil.model.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.detector.ArtifactManifest;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelInfo;
import dev.vigil.model.detector.ModelVersion;
import dev.vigil.model.io.AtomicFile;
import dev.vigil.model.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole training run in one folder: {@value #RECIPE}, the {@link TrainingLog}, checkpoints, the
 * {@link LossCurve} PNG and the trained model artifact in {@value #MODEL_DIR}/ with its provenance
 * ({@value #PROVENANCE}: data, recipe, training time, final losses; validation metrics and their dataset).
 */
public final class TrainingRun {

    public static final String RECIPE = "recipe.json";
    public static final String MODEL_DIR = "model";
    public static final String PROVENANCE = ModelArtifact.TRAINING;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TrainingRecipe recipe;
    private final TrainingData data;
    private final ClassMap classMap;
    private final Path runDir;
    private InitialWeights initialWeights;

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

    /** Fine-tunes from {@code weights} (recorded in the provenance as {@code init}). */
    public TrainingRun startingFrom(InitialWeights weights) {
        this.initialWeights = weights;
        return this;
    }

    /** What the run produced. */
    public record Result(ModelArtifact model, Path lossCurve, Duration duration, LossValues lastLosses) {}

    /**
     * Trains (resuming from the folder's checkpoint if there is one, with the same recipe only) and writes the
     * artifact. Running a finished run again writes the same artifact: same weights, version, training time.
     *
     * @param modelName the artifact's name
     * @param version the artifact's version, or null for the default ({@link ModelVersion#of}: the day training
     *     finished and the weights' digest)
     * @param dataDescription where the training data came from, for the provenance
     * @param extraListener also told of progress (a progress bar), or null
     * @throws IllegalArgumentException when the folder holds a run of another recipe
     */
    public Result run(
            String modelName, String version, String dataDescription, String dataSha256, TrainingListener extraListener)
            throws IOException {
        Files.createDirectories(runDir);
        TrainingCheckpoint.checkResumable(runDir, recipe);
        AtomicFile.writeJson(JSON, runDir.resolve(RECIPE), recipe);
        try (TrainingLog log = new TrainingLog(runDir);
                NDManager manager = NDManager.newBaseManager()) {
            Trainer trainer = new Trainer(recipe, data, runDir, TrainingListener.all(log, extraListener));
            if (initialWeights != null) {
                trainer.startingFrom(initialWeights, classMap.names());
            }
            FasterRcnn model = trainer.run(manager);
            Duration duration = trainer.trainingTime();
            Path lossCurve = runDir.resolve(LossCurve.FILE);
            List<TrainingLog.Entry> history = TrainingLog.read(runDir);
            LossCurve.write(lossCurve, history);
            LossValues last = history.get(history.size() - 1).losses();
            Path modelDir = runDir.resolve(MODEL_DIR);
            ModelInfo info = new ModelInfo(
                    modelName, version, dataDescription, dataSha256, trainer.finishedAt(), ModelInfo.VIGIL_TOOL);
            ModelArtifact.write(modelDir, model, classMap.names(), info);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("data", dataDescription);
            provenance.put("data_sha256", dataSha256);
            provenance.put("images", data.size());
            provenance.put("recipe", recipe);
            if (initialWeights != null) {
                ModelArtifact init = initialWeights.source();
                Map<String, Object> from = new LinkedHashMap<>();
                from.put("name", init.info().name());
                from.put("version", init.info().version());
                from.put("weights_sha256", init.weightsSha256());
                from.put("classes", init.classNames());
                provenance.put("init", from);
            }
            provenance.put(
                    "phases", recipe.phases().stream().map(TrainingPhase::name).toList());
            provenance.put("duration_s", duration.toMillis() / 1000.0);
            provenance.put("finished", trainer.finishedAt());
            provenance.put("final_losses", last);
            AtomicFile.writeJson(JSON, modelDir.resolve(PROVENANCE), provenance);
            ArtifactManifest.writeFor(modelDir);
            return new Result(ModelArtifact.read(modelDir), lossCurve, duration, last);
        }
    }

    /**
     * Adds validation metrics to the model's provenance ({@code validation}), with the dataset they come from
     * ({@code validation_dataset}: the annotations' path and SHA-256, the images' folder), and renews the manifest.
     *
     * @return the artifact as it is now
     */
    public static ModelArtifact addValidation(ModelArtifact model, Path annotations, Path imagesDir, Map<?, ?> metrics)
            throws IOException {
        Path file = model.directory().resolve(PROVENANCE);
        @SuppressWarnings("unchecked")
        Map<String, Object> provenance = JSON.readValue(file.toFile(), Map.class);
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("path", annotations.toAbsolutePath().toString());
        dataset.put("sha256", Sha256.of(annotations));
        dataset.put(
                "images", imagesDir == null ? null : imagesDir.toAbsolutePath().toString());
        provenance.put("validation", metrics);
        provenance.put("validation_dataset", dataset);
        AtomicFile.writeJson(JSON, file, provenance);
        ArtifactManifest.writeFor(model.directory());
        return ModelArtifact.read(model.directory());
    }
}
