package dev.vigil.stream.retrain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.model.cli.AutolabelCommand;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.gate.GateVerdict;
import dev.vigil.model.io.AtomicFile;
import dev.vigil.model.io.Sha256;
import dev.vigil.model.teacher.AutoLabels;
import dev.vigil.model.teacher.ClassThresholds;
import dev.vigil.model.train.FrozenLayers;
import dev.vigil.model.train.InitialWeights;
import dev.vigil.model.train.TrainingData;
import dev.vigil.model.train.TrainingProgress;
import dev.vigil.model.train.TrainingRecipe;
import dev.vigil.model.train.TrainingRun;
import dev.vigil.schemas.GateDecision;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.stream.labels.FrameRef;
import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.ModelReleases;
import dev.vigil.stream.release.RegistrySettings;
import dev.vigil.stream.release.ReleaseRefusedException;
import dev.vigil.stream.snapshot.CocoDatasetWriter;
import dev.vigil.stream.snapshot.Snapshot;
import dev.vigil.stream.snapshot.SnapshotSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The retraining loop for one camera, step by step, each step announced on one plain line ({@code retrain [3/6]
 * ...}) and each resumable: the snapshot resumes, frames labelled before keep their labels, the training run resumes
 * from its checkpoint, publishing the same artifact again changes nothing, and a candidate already in production is
 * left there.
 */
public final class Retrain {

    static final int STEPS = 6;
    /** Fine-tuning checkpoints this often, so that an interrupted run loses little. */
    static final int CHECKPOINT_EVERY = 50;

    public static final String GATE_FILE = "gate.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RetrainSettings settings;
    private final RegistrySettings registry;
    private final Duration timeout;
    private final PrintStream log;

    /**
     * @param registry where the model registry is, and the Kafka and schema registry settings for the topics
     * @param log where the steps and the progress bars go
     */
    public Retrain(RetrainSettings settings, RegistrySettings registry, Duration timeout, PrintStream log) {
        this.settings = settings;
        this.registry = registry;
        this.timeout = timeout;
        this.log = log;
    }

    /** What a run did. */
    public record Outcome(
            int frames,
            int teacherLabelled,
            TimeSplit split,
            String initFrom,
            TrainingRun.Result training,
            String candidate,
            GateDecision decision,
            GateVerdict verdict,
            Path report) {}

    /** Runs the loop; {@code stopRequested} ends the snapshot early (what was read is kept). */
    public Outcome run(BooleanSupplier stopRequested) throws IOException, InterruptedException {
        Files.createDirectories(settings.workDir());
        try (ModelRegistry models = ModelRegistry.connect(registry)) {
            return run(models, stopRequested);
        }
    }

    private Outcome run(ModelRegistry models, BooleanSupplier stopRequested) throws IOException, InterruptedException {
        StartingPoint start = startingPoint(models);
        ModelArtifact init = start.release() != null
                ? load(models.read()
                        .get(ModelReleases.Ref.parse(start.release()))
                        .orElseThrow(() -> new IllegalStateException("the release " + start.release()
                                + " this run started from is no longer in the registry")))
                : ModelArtifact.read(Path.of(start.path()));
        step(1, "snapshot of camera %s from '%s'", settings.camera(), settings.framesTopic());
        Snapshot.Result snapshot = snapshot(stopRequested);
        if (snapshot.dataset().images() == 0) {
            throw new IllegalStateException("no frames of camera '" + settings.camera() + "' in " + range()
                    + " on topic '" + settings.framesTopic() + "'");
        }
        Path snapshotJson = settings.snapshotDir().resolve(CocoDatasetWriter.FILE_NAME);

        Map<String, FrameRef> unlabelled = SnapshotLabels.unlabelled(snapshotJson);
        step(
                2,
                "labels: %d of %d frames labelled on '%s'; the %s teacher labels %d",
                snapshot.dataset().images() - unlabelled.size(),
                snapshot.dataset().images(),
                settings.annotationsTopic(),
                settings.teacher(),
                unlabelled.size());
        if (!unlabelled.isEmpty()) {
            AutoLabels labels = SnapshotLabels.labelAndPublish(
                    unlabelled,
                    settings.snapshotDir().resolve(CocoDatasetWriter.IMAGES_DIR),
                    settings.teacher(),
                    settings.teacherModels(),
                    settings.consistency(),
                    SnapshotLabels.teachableClasses(init.classNames()),
                    settings.teacherThresholds() != null
                            ? settings.teacherThresholds()
                            : ClassThresholds.uniform(AutolabelCommand.defaultThreshold(settings.teacher())),
                    registry.clientConfig(),
                    registry.serdeConfig(),
                    settings.annotationsTopic());
            log.printf(
                    Locale.ROOT,
                    "retrain: published %d annotations (%s) to '%s'%n",
                    labels.dataset().images().size(),
                    labels.boxesPerClass(),
                    settings.annotationsTopic());
            snapshot = snapshot(stopRequested);
            if (!SnapshotLabels.unlabelled(snapshotJson).isEmpty()) {
                throw new IllegalStateException("the labels published to '" + settings.annotationsTopic()
                        + "' did not come back in the snapshot (" + snapshotJson + ")");
            }
        }

        TimeSplit split = TimeSplit.write(snapshotJson, settings.heldOutShare(), settings.splitDir());
        step(
                3,
                "split by capture time: %d frames for training, the last %d (from %s) held out",
                split.trainImages(),
                split.heldOutImages(),
                split.heldOutFrom());

        String initFrom = start.release() != null
                ? start.release() + " (production)"
                : init.info().name() + ":" + init.info().version() + " from " + start.path()
                        + " (no production release of " + settings.modelName() + ")";
        step(4, "fine-tuning from %s, %d iterations", initFrom, settings.iterations());
        TrainingRun.Result training = fineTune(split, init);

        ModelRelease candidate = models.publish(training.model().directory(), null);
        String candidateRef = ModelReleases.ref(candidate).toString();
        step(5, "gate: %s against %s on the %d held-out frames", candidateRef, initFrom, split.heldOutImages());
        Decision decision = gate(
                models, candidate, start.release() != null ? null : new ModelRegistry.StandIn(init, initFrom), split);
        step(6, "report");
        Outcome outcome = new Outcome(
                snapshot.dataset().images(),
                unlabelled.size(),
                split,
                initFrom,
                training,
                candidateRef,
                decision.decision(),
                decision.verdict(),
                settings.workDir().resolve(RetrainReport.FILE));
        RetrainReport.write(settings, outcome, decision.findings());
        return outcome;
    }

    /**
     * What the run fine-tunes: the production release when the run first started ({@code release}), or the model
     * folder standing in for it ({@code path}). Kept in the work folder, so that a resumed run, after its candidate
     * was promoted, goes on from the same model.
     */
    record StartingPoint(String release, String path) {}

    static final String STARTING_POINT = "starting-point.json";

    private StartingPoint startingPoint(ModelRegistry models) throws IOException {
        Path file = settings.workDir().resolve(STARTING_POINT);
        if (Files.exists(file)) {
            return JSON.readValue(file.toFile(), StartingPoint.class);
        }
        Optional<ModelRelease> production = models.read().production(settings.modelName());
        StartingPoint start = production.isPresent()
                ? new StartingPoint(ModelReleases.ref(production.get()).toString(), null)
                : new StartingPoint(
                        null,
                        settings.initWithoutProduction()
                                .toAbsolutePath()
                                .normalize()
                                .toString());
        AtomicFile.writeJson(JSON, file, start);
        return start;
    }

    private record Decision(GateDecision decision, GateVerdict verdict, List<String> findings) {}

    /**
     * Promotes through the registry's gate: against the production release, or when there is none against the model
     * fine-tuned from ({@code standIn}); the decision, a refusal included, is recorded in the candidate's release.
     */
    private Decision gate(ModelRegistry models, ModelRelease candidate, ModelRegistry.StandIn standIn, TimeSplit split)
            throws IOException {
        Path gateFile = settings.workDir().resolve(GATE_FILE);
        PrintWriter progress = new PrintWriter(log, true);
        ModelRegistry.GateSettings gate = new ModelRegistry.GateSettings(
                settings.tolerance(),
                split.heldOut(),
                settings.snapshotDir().resolve(CocoDatasetWriter.IMAGES_DIR),
                false,
                standIn);
        ModelRegistry.Promotion promotion = models.promote(ModelReleases.ref(candidate), gate, progress);
        GateVerdict recorded = promotion.verdict();
        if (recorded == null && Files.exists(gateFile)) {
            recorded = JSON.readValue(gateFile.toFile(), GateVerdict.class); // promoted by an earlier run
        }
        if (recorded != null) {
            AtomicFile.writeJson(JSON, gateFile, recorded);
        }
        List<String> findings = promotion.release().getGate() == null
                ? List.of()
                : promotion.release().getGate().getFindings().stream()
                        .map(CharSequence::toString)
                        .toList();
        return new Decision(promotion.decision(), recorded, findings);
    }

    private TrainingRun.Result fineTune(TimeSplit split, ModelArtifact init) throws IOException {
        Dataset train = CocoDataset.read(split.train());
        InitialWeights weights = InitialWeights.of(init);
        ClassMap classes = weights.classesFor(train.categories());
        TrainingRecipe recipe = TrainingRecipe.fineTuning(
                        weights.architectureFor(classes.names()), settings.iterations(), settings.seed())
                .toBuilder()
                .checkpointEvery(CHECKPOINT_EVERY)
                .build();
        List<String> frozen = FrozenLayers.defaults(recipe.architecture());
        if (!frozen.isEmpty()) {
            recipe = recipe.withFrozenPrefixes(frozen);
        }
        TrainingRun run = new TrainingRun(recipe, new TrainingData(train, classes), classes, settings.trainingDir())
                .startingFrom(weights);
        try (TrainingProgress progress = new TrainingProgress()) {
            return run.run(settings.modelName(), null, split.train().toString(), Sha256.of(split.train()), progress);
        }
    }

    private Snapshot.Result snapshot(BooleanSupplier stopRequested) {
        SnapshotSettings snapshot = new SnapshotSettings(
                settings.snapshotDir(),
                settings.framesTopic(),
                settings.annotationsTopic(),
                Set.of(settings.camera()),
                settings.from(),
                settings.to(),
                null,
                null);
        return new Snapshot(snapshot, registry.clientConfig(), registry.serdeConfig(), timeout).run(log, stopRequested);
    }

    private ModelArtifact load(ModelRelease release) throws IOException {
        try {
            return registry.artifacts().load(release);
        } catch (ReleaseRefusedException e) {
            throw new IOException(
                    "the artifact of " + ModelReleases.ref(release) + " cannot be used: " + e.getMessage(), e);
        }
    }

    private String range() {
        return (settings.from() == null ? "the beginning" : settings.from().toString()) + " to "
                + (settings.to() == null ? "the end" : settings.to().toString());
    }

    private void step(int number, String format, Object... args) {
        log.printf(Locale.ROOT, "retrain [%d/%d] " + format + "%n", prepend(number, STEPS, args));
        log.flush();
    }

    private static Object[] prepend(int number, int steps, Object[] args) {
        Object[] all = new Object[args.length + 2];
        all[0] = number;
        all[1] = steps;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }
}
