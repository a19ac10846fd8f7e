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
        return new Builder(architecture, iterations, sgd)
                .roiSampling(RoiSamplingSettings.torchvision().withRoisPerImage(COMPACT_ROIS_PER_IMAGE))
                .seed(seed)
                .build();
    }

    /** Fine-tuning's learning rate: this share of the from-scratch one. */
    public static final float FINE_TUNING_LEARNING_RATE_FACTOR = 0.1f;
    /** Warm-up iterations of a fine-tuning run (at most a fifth of it). */
    public static final int FINE_TUNING_WARMUP = 50;

    /**
     * A fine-tuning recipe: as {@link #fromScratch} but a tenth of its learning rate, {@value #FINE_TUNING_WARMUP}
     * warm-up iterations, and ×0.1 for the last quarter: the network already detects, the run adapts it to new
     * images without forgetting.
     */
    public static TrainingRecipe fineTuning(ArchitectureConfig architecture, int iterations, long seed) {
        TrainingRecipe scratch = fromScratch(architecture, iterations, seed);
        SgdSettings sgd = scratch.sgd();
        return scratch.toBuilder()
                .sgd(new SgdSettings(
                        sgd.learningRate() * FINE_TUNING_LEARNING_RATE_FACTOR,
                        sgd.momentum(),
                        sgd.weightDecay(),
                        Math.min(FINE_TUNING_WARMUP, iterations / 5),
                        sgd.warmupFactor(),
                        sgd.steps(),
                        sgd.gamma(),
                        sgd.maxGradientNorm()))
                .build();
    }

    /** A builder starting from this recipe. */
    public Builder toBuilder() {
        return new Builder(architecture, iterations, sgd)
                .scheme(scheme)
                .imagesPerBatch(imagesPerBatch)
                .loss(loss)
                .roiSampling(roiSampling)
                .crossBoundaryAllowance(crossBoundaryAllowance)
                .frozenPrefixes(frozenPrefixes)
                .horizontalFlip(horizontalFlip)
                .scales(scales)
                .seed(seed)
                .checkpointEvery(checkpointEvery);
    }

    public TrainingRecipe withScheme(TrainingScheme newScheme) {
        return toBuilder().scheme(newScheme).build();
    }

    public TrainingRecipe withArchitecture(ArchitectureConfig newArchitecture) {
        return toBuilder().architecture(newArchitecture).build();
    }

    public TrainingRecipe withLoss(LossSettings newLoss) {
        return toBuilder().loss(newLoss).build();
    }

    public TrainingRecipe withFrozenPrefixes(List<String> prefixes) {
        return toBuilder().frozenPrefixes(prefixes).build();
    }

    public TrainingRecipe withLearningRate(float learningRate) {
        return toBuilder().sgd(sgd.withLearningRate(learningRate)).build();
    }

    public TrainingRecipe withScales(List<Integer> newScales) {
        return toBuilder().scales(newScales).build();
    }

    public TrainingRecipe withCheckpointEvery(int every) {
        return toBuilder().checkpointEvery(every).build();
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

    /**
     * Builds a {@link TrainingRecipe}. What is not set is the from-scratch default: joint training, 2 images per
     * batch, torchvision's losses and RoI sampling, the paper's cross-boundary rule, nothing frozen, flips, the
     * architecture's single scale, seed 1, a checkpoint every {@value #DEFAULT_CHECKPOINT_EVERY} iterations.
     */
    public static final class Builder {
        private ArchitectureConfig architecture;
        private TrainingScheme scheme = TrainingScheme.JOINT;
        private int iterations;
        private int imagesPerBatch = 2;
        private SgdSettings sgd;
        private LossSettings loss = LossSettings.torchvision();
        private RoiSamplingSettings roiSampling = RoiSamplingSettings.torchvision();
        private float crossBoundaryAllowance = AnchorTargets.PAPER_CROSS_BOUNDARY;
        private List<String> frozenPrefixes = List.of();
        private boolean horizontalFlip = true;
        private List<Integer> scales = List.of();
        private long seed = 1;
        private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;

        public Builder(ArchitectureConfig architecture, int iterations, SgdSettings sgd) {
            this.architecture = architecture;
            this.iterations = iterations;
            this.sgd = sgd;
        }

        public Builder architecture(ArchitectureConfig value) {
            this.architecture = value;
            return this;
        }

        public Builder scheme(TrainingScheme value) {
            this.scheme = value;
            return this;
        }

        public Builder iterations(int value) {
            this.iterations = value;
            return this;
        }

        public Builder imagesPerBatch(int value) {
            this.imagesPerBatch = value;
            return this;
        }

        public Builder sgd(SgdSettings value) {
            this.sgd = value;
            return this;
        }

        public Builder loss(LossSettings value) {
            this.loss = value;
            return this;
        }

        public Builder roiSampling(RoiSamplingSettings value) {
            this.roiSampling = value;
            return this;
        }

        public Builder crossBoundaryAllowance(float value) {
            this.crossBoundaryAllowance = value;
            return this;
        }

        public Builder frozenPrefixes(List<String> value) {
            this.frozenPrefixes = value;
            return this;
        }

        public Builder horizontalFlip(boolean value) {
            this.horizontalFlip = value;
            return this;
        }

        public Builder scales(List<Integer> value) {
            this.scales = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder checkpointEvery(int value) {
            this.checkpointEvery = value;
            return this;
        }

        public TrainingRecipe build() {
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
                    checkpointEvery);
        }
    }
}
