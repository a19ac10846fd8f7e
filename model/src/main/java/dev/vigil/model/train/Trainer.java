package dev.vigil.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.vigil.model.data.AspectRatioGroupedBatches;
import dev.vigil.model.data.ScaleJitter;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.rpn.RegionProposals;
import dev.vigil.model.transform.ImageBatch;
import dev.vigil.model.transform.ImageTransform;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link TrainingRecipe} on a dataset: each phase of its scheme with its own SGD, a checkpoint every N
 * iterations and at the end of each phase, resumption from the run folder's checkpoint, and a stop with the
 * iteration and the losses when a loss is not finite. Deterministic for a seed: initialization, image order, flips
 * and sampling are all drawn from it per iteration; batches hold images of one aspect-ratio group, so a resumed run continues as an uninterrupted one would.
 */
public final class Trainer {

    /** Steps with non-finite gradients skipped in a row before the run is stopped as diverged. */
    static final int MAX_SKIPPED_STEPS_IN_A_ROW = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainingRecipe recipe;
    private final TrainingData data;
    private final Path runDir;
    private final TrainingListener listener;
    private final AspectRatioGroupedBatches batches;
    private final int batchesPerEpoch;
    private int shuffledEpoch = -1;
    private List<int[]> epochBatches;
    private final ScaleJitter scales;
    private long trainingMillisBefore;
    private long sessionStartNanos;
    private long sessionEndNanos;
    private String finishedAt;
    private InitialWeights initialWeights;
    private List<String> classNames;

    public Trainer(TrainingRecipe recipe, TrainingData data, Path runDir, TrainingListener listener) {
        this.recipe = recipe;
        this.data = data;
        this.runDir = runDir;
        this.listener = listener;
        this.batches = data.groupedBatches(recipe.imagesPerBatch(), recipe.seed());
        this.batchesPerEpoch = batches.epoch(0).size();
        this.scales = recipe.scales().isEmpty()
                ? null
                : new ScaleJitter(
                        recipe.scales().stream().mapToInt(Integer::intValue).toArray(),
                        recipe.architecture().transform().maxSize());
    }

    /**
     * Fine-tunes: a run that does not resume from a checkpoint starts from {@code weights} instead of a fresh
     * initialization (joint training only).
     *
     * @param classes the classes trained, background first
     */
    public Trainer startingFrom(InitialWeights weights, List<String> classes) {
        if (recipe.phases().stream().anyMatch(p -> p.network() == 1)) {
            throw new IllegalArgumentException("fine-tuning (--init) trains one network: use the joint scheme");
        }
        this.initialWeights = weights;
        this.classNames = List.copyOf(classes);
        return this;
    }

    /** Trains and returns the final network (its arrays in {@code manager}). */
    public FasterRcnn run(NDManager manager) throws IOException {
        Engine.getInstance().setRandomSeed((int) recipe.seed());
        FasterRcnn network0 = FasterRcnn.initialized(recipe.architecture(), manager);
        List<TrainingPhase> phases = recipe.phases();
        boolean alternating = phases.stream().anyMatch(p -> p.network() == 1);
        FasterRcnn network1 = alternating ? FasterRcnn.initialized(recipe.architecture(), manager) : null;
        Optional<TrainingCheckpoint.Restored> restored = TrainingCheckpoint.read(runDir, recipe);
        int firstPhase = 0;
        int done = 0;
        sessionStartNanos = System.nanoTime();
        sessionEndNanos = 0;
        trainingMillisBefore = 0;
        finishedAt = null;
        if (restored.isPresent()) {
            trainingMillisBefore = restored.get().state().trainingMillis();
            finishedAt = restored.get().state().finishedAt();
            TrainingCheckpoint.load(network0, restored.get().network0());
            if (network1 != null && restored.get().network1() != null) {
                TrainingCheckpoint.load(network1, restored.get().network1());
            }
            firstPhase = restored.get().state().phase();
            done = restored.get().state().iterationsDone();
        } else if (initialWeights != null) {
            InitialWeights.Applied applied = initialWeights.applyTo(network0, classNames);
            LOG.info(
                    "Fine-tuning from {}: trained outputs kept for {}, initialized afresh for {}",
                    initialWeights.source().directory(),
                    applied.kept(),
                    applied.fresh());
        }
        if (firstPhase >= phases.size()) {
            sessionEndNanos = sessionStartNanos; // a finished run run again: no training time added
        }
        long iterationsBefore = 0;
        for (int p = 0; p < firstPhase; p++) {
            iterationsBefore += phases.get(p).iterations();
        }
        for (int p = firstPhase; p < phases.size(); p++) {
            TrainingPhase phase = phases.get(p);
            FasterRcnn trained = phase.network() == 1 ? network1 : network0;
            try (Sgd sgd = new Sgd(phaseSchedule(phase), manager)) {
                if (p == firstPhase && restored.isPresent() && done > 0) {
                    TrainingCheckpoint.restore(sgd, restored.get().optimizer());
                }
                runPhase(p, phase, trained, network0, network1, sgd, done, iterationsBefore);
            }
            iterationsBefore += phase.iterations();
            done = 0;
        }
        if (finishedAt == null) {
            finishedAt = Instant.now().toString();
        }
        if (sessionEndNanos == 0) {
            sessionEndNanos = System.nanoTime();
        }
        return network0;
    }

    /** Time spent training by this run, over all its sessions (a resumed run adds its time to the earlier ones'). */
    public Duration trainingTime() {
        long end = sessionEndNanos != 0 ? sessionEndNanos : System.nanoTime();
        return Duration.ofMillis(trainingMillisBefore + (end - sessionStartNanos) / 1_000_000);
    }

    /** When the run's last iteration was done (ISO-8601), kept when a finished run is run again; after {@link #run}. */
    public String finishedAt() {
        return finishedAt;
    }

    private void runPhase(
            int index,
            TrainingPhase phase,
            FasterRcnn trained,
            FasterRcnn network0,
            FasterRcnn network1,
            Sgd sgd,
            int done,
            long iterationsBefore)
            throws IOException {
        TrainableParameters parameters =
                TrainableParameters.select(trained, phase.trainedPrefixes(), recipe.frozenPrefixes());
        TrainingStep step =
                new TrainingStep(trained, recipe.loss(), recipe.roiSampling(), recipe.crossBoundaryAllowance());
        ProposalSource external = phase.proposalsFromNetwork1() ? batch -> proposalsOf(network1, batch) : null;
        listener.phaseStarted(phase, done);
        int skippedInARow = 0;
        NDManager manager = trained.getParameters().valueAt(0).getArray().getManager();
        for (int iteration = done; iteration < phase.iterations(); iteration++) {
            long start = System.nanoTime();
            long runIteration = iterationsBefore + iteration;
            Random random = new Random(recipe.seed() * 1_000_003L + runIteration);
            List<TrainingImage> batch = batch(runIteration, random);
            ImageTransform scale = new ImageTransform(
                    scales == null
                            ? recipe.architecture().transform()
                            : scales.pick(recipe.architecture().transform(), new SplittableRandom(random.nextLong())));
            LossValues losses;
            try (NDManager scope = manager.newSubManager()) {
                losses = step.run(scope, batch, scale, phase.rpnLoss(), phase.headLoss(), external, random);
            }
            if (!losses.finite()) {
                throw new TrainingDivergedException(phase, iteration, losses);
            }
            float learningRate = sgd.settings().learningRateAt(iteration);
            float gradientNorm = sgd.step(parameters, learningRate);
            if (Float.isFinite(gradientNorm)) {
                skippedInARow = 0;
            } else if (++skippedInARow > MAX_SKIPPED_STEPS_IN_A_ROW) {
                throw new TrainingDivergedException(phase, iteration, losses);
            } else {
                LOG.warn(
                        "{} iteration {}: the gradients are not finite (norm {}); the step is skipped",
                        phase.name(),
                        iteration,
                        gradientNorm);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            listener.iteration(phase, iteration, losses, learningRate, batch.size() / seconds);
            boolean last = iteration + 1 == phase.iterations();
            if ((iteration + 1) % recipe.checkpointEvery() == 0 || last) {
                int phaseOfState = last ? index + 1 : index;
                int doneOfState = last ? 0 : iteration + 1;
                if (last && phaseOfState == recipe.phases().size()) {
                    sessionEndNanos = System.nanoTime(); // the training time is what this checkpoint records
                    finishedAt = Instant.now().toString();
                }
                TrainingCheckpoint.write(
                        runDir,
                        new TrainingCheckpoint(
                                phaseOfState,
                                doneOfState,
                                recipe.architecture(),
                                recipe,
                                trainingTime().toMillis(),
                                finishedAt),
                        network0,
                        network1,
                        sgd);
            }
        }
        listener.phaseEnded(phase);
    }

    /** The run's schedule fitted to a phase: warm-up and steps scaled by the phase's share of the iterations. */
    private SgdSettings phaseSchedule(TrainingPhase phase) {
        SgdSettings sgd = recipe.sgd();
        return phase.iterations() == recipe.iterations()
                ? sgd
                : sgd.scaledSchedule((double) phase.iterations() / recipe.iterations());
    }

    /**
     * The images of one iteration of the run: batch {@code runIteration mod K} of epoch {@code runIteration / K},
     * K being the batches of an epoch grouped by aspect ratio; each image flipped at random when the recipe says.
     */
    private List<TrainingImage> batch(long runIteration, Random random) {
        int epoch = (int) (runIteration / batchesPerEpoch);
        if (epoch != shuffledEpoch) {
            epochBatches = batches.epoch(epoch);
            shuffledEpoch = epoch;
        }
        int[] indices = epochBatches.get((int) (runIteration % batchesPerEpoch));
        List<TrainingImage> batch = new ArrayList<>(indices.length);
        for (int index : indices) {
            batch.add(data.image(index, recipe.horizontalFlip() && random.nextBoolean()));
        }
        return batch;
    }

    /** Step 1's RPN proposals for step 2 (no gradient). */
    private static List<float[]> proposalsOf(FasterRcnn proposer, ImageBatch batch) {
        return Autograd.off(() -> {
            try (NDManager scope = batch.images().getManager().newSubManager()) {
                ParameterStore parameterStore = new ParameterStore(scope, false);
                return proposer
                        .regionProposals(parameterStore, proposer.features(parameterStore, batch, false), batch, true)
                        .proposals()
                        .stream()
                        .map(RegionProposals::boxes)
                        .toList();
            }
        });
    }
}
