package dev.vigil.model.train;

import dev.vigil.model.detector.ArchitectureConfig;
import java.util.List;

/**
 * Everything that decides a training run, written into the run's folder and the model's provenance.
 *
 * @param architecture the network (its class count is the class map's)
 * @param scheme joint or 4-step alternating
 * @param iterations SGD iterations in all (alternating: split 1/3, 1/3, 1/6, 1/6 over the four steps)
 * @param imagesPerBatch images per iteration
 * @param sgd optimizer and schedule
 * @param loss loss weighting and normalisation
 * @param roiSampling Fast R-CNN's RoI sampling
 * @param crossBoundaryAllowance see {@link AnchorTargets}
 * @param frozenPrefixes parameter keys never trained (e.g. the paper's VGG-16 conv1–conv2)
 * @param horizontalFlip flip half of the images (the paper's only augmentation)
 * @param scales shorter sides drawn per batch (scale jitter; the paper's multi-scale training), or empty for the
 *     architecture's single scale
 * @param seed seeds initialization, image order, flips and sampling
 * @param checkpointEvery iterations between checkpoints
 */
public record TrainingRecipe(
        ArchitectureConfig architecture,
        TrainingScheme scheme,
        int iterations,
        int imagesPerBatch,
        SgdSettings sgd,
        LossSettings loss,
        RoiSamplingSettings roiSampling,
        float crossBoundaryAllowance,
        List<String> frozenPrefixes,
        boolean horizontalFlip,
        List<Integer> scales,
        long seed,
        int checkpointEvery) {

    /** The compact model's RoIs per image: 128, as Fast R-CNN (its images hold few objects). */
    public static final int COMPACT_ROIS_PER_IMAGE = 128;
    /** From scratch, without batch norm: gradients are clipped to this global norm. */
    public static final float COMPACT_MAX_GRADIENT_NORM = 10f;
    /** The compact model's L2 weight decay (torchvision's). */
    public static final float COMPACT_WEIGHT_DECAY = 0.0001f;
    /** Warm-up iterations of a compact run. */
    public static final int COMPACT_WARMUP = 300;

    public static final int DEFAULT_CHECKPOINT_EVERY = 500;

    public TrainingRecipe {
        if (iterations <= 0 || imagesPerBatch <= 0 || checkpointEvery <= 0) {
            throw new IllegalArgumentException(
                    "iterations, images per batch and checkpoint interval must be positive, got " + iterations + ", "
                            + imagesPerBatch + ", " + checkpointEvery);
        }
        if (scheme == TrainingScheme.ALTERNATING && iterations < 6) {
            throw new IllegalArgumentException(
                    "4-step alternating training needs at least 6 iterations, got " + iterations);
        }
        frozenPrefixes = List.copyOf(frozenPrefixes);
        scales = List.copyOf(scales);
    }

    /**
     * A from-scratch recipe: 2 images per batch, the backbone's from-scratch learning rate (0.005; 0.01 with batch
     * norm) with 300 warm-up iterations and ×0.1
     * for the last quarter of the run (the paper's VOC schedule: 60k iterations, then 20k at a tenth), momentum 0.9,
     * weight decay 1e-4, gradients clipped to norm 10, torchvision's losses, 128 RoIs per image, the paper's
     * cross-boundary rule, flips.
     */
    public static TrainingRecipe fromScratch(ArchitectureConfig architecture, int iterations, long seed) {
        SgdSettings sgd = new SgdSettings(
                architecture.backboneSpec().fromScratchLearningRate(),
                SgdSettings.MOMENTUM,
                COMPACT_WEIGHT_DECAY,
                Math.min(COMPACT_WARMUP, iterations / 5),
                SgdSettings.WARMUP_FACTOR,
                List.of(iterations * 3 / 4),
                SgdSettings.GAMMA,
                COMPACT_MAX_GRADIENT_NORM);
        return new TrainingRecipe(
                architecture,
                TrainingScheme.JOINT,
                iterations,
                2,
                sgd,
                LossSettings.torchvision(),
                RoiSamplingSettings.torchvision().withRoisPerImage(COMPACT_ROIS_PER_IMAGE),
                AnchorTargets.PAPER_CROSS_BOUNDARY,
                List.of(),
                true,
                List.of(),
                seed,
                DEFAULT_CHECKPOINT_EVERY);
    }

    public TrainingRecipe withScheme(TrainingScheme newScheme) {
        return new TrainingRecipe(
                architecture,
                newScheme,
                iterations,
                imagesPerBatch,
                sgd,
                loss,
                roiSampling,
                crossBoundaryAllowance,
                frozenPrefixes,
                horizontalFlip,
                scales,
                seed,
                checkpointEvery);
    }

    public TrainingRecipe withArchitecture(ArchitectureConfig newArchitecture) {
        return new TrainingRecipe(
                newArchitecture,
                scheme,
                iterations,
                imagesPerBatch,
                sgd,
                loss,
                roiSampling,
                crossBoundaryAllowance,
                frozenPrefixes,
                horizontalFlip,
                scales,
                seed,
                checkpointEvery);
    }

    public TrainingRecipe withLoss(LossSettings newLoss) {
        return new TrainingRecipe(
                architecture,
                scheme,
                iterations,
                imagesPerBatch,
                sgd,
                newLoss,
                roiSampling,
                crossBoundaryAllowance,
                frozenPrefixes,
                horizontalFlip,
                scales,
                seed,
                checkpointEvery);
    }

    public TrainingRecipe withFrozenPrefixes(List<String> prefixes) {
        return new TrainingRecipe(
                architecture,
                scheme,
                iterations,
                imagesPerBatch,
                sgd,
                loss,
                roiSampling,
                crossBoundaryAllowance,
                prefixes,
                horizontalFlip,
                scales,
                seed,
                checkpointEvery);
    }

    public TrainingRecipe withLearningRate(float learningRate) {
        SgdSettings o = sgd;
        return new TrainingRecipe(
                architecture,
                scheme,
                iterations,
                imagesPerBatch,
                new SgdSettings(
                        learningRate,
                        o.momentum(),
                        o.weightDecay(),
                        o.warmupIterations(),
                        o.warmupFactor(),
                        o.steps(),
                        o.gamma(),
                        o.maxGradientNorm()),
                loss,
                roiSampling,
                crossBoundaryAllowance,
                frozenPrefixes,
                horizontalFlip,
                scales,
                seed,
                checkpointEvery);
    }

    public TrainingRecipe withScales(List<Integer> newScales) {
        return new TrainingRecipe(
                architecture,
                scheme,
                iterations,
                imagesPerBatch,
                sgd,
                loss,
                roiSampling,
                crossBoundaryAllowance,
                frozenPrefixes,
                horizontalFlip,
                newScales,
                seed,
                checkpointEvery);
    }

    public TrainingRecipe withCheckpointEvery(int every) {
        return new TrainingRecipe(
                architecture,
                scheme,
                iterations,
                imagesPerBatch,
                sgd,
                loss,
                roiSampling,
                crossBoundaryAllowance,
                frozenPrefixes,
                horizontalFlip,
                scales,
                seed,
                every);
    }

    /** The steps of this recipe's scheme with their iterations. */
    public List<TrainingPhase> phases() {
        if (scheme == TrainingScheme.JOINT) {
            return List.of(TrainingPhase.joint(iterations));
        }
        int third = iterations / 3;
        int sixth = (iterations - 2 * third) / 2;
        return TrainingPhase.alternating(third, third, sixth, iterations - 2 * third - sixth);
    }
}
