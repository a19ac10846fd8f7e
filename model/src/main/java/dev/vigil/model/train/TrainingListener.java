package dev.vigil.model.train;

/** Hears of a training run's progress (progress bars, logs). */
public interface TrainingListener {

    /** A phase starts; {@code done} of its {@code iterations} were restored from a checkpoint. */
    default void phaseStarted(TrainingPhase phase, int done) {
    }

    /** An iteration finished. */
    default void iteration(TrainingPhase phase, int iteration, LossValues losses, float learningRate,
            double imagesPerSecond) {
    }

    /** A phase ended. */
    default void phaseEnded(TrainingPhase phase) {
    }
}
