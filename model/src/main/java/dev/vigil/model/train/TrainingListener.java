package dev.vigil.model.train;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Hears of a training run's progress (progress bars, logs). */
public interface TrainingListener {

    /** A phase starts; {@code done} of its {@code iterations} were restored from a checkpoint. */
    default void phaseStarted(TrainingPhase phase, int done) {}

    /** An iteration finished. */
    default void iteration(
            TrainingPhase phase, int iteration, LossValues losses, float learningRate, double imagesPerSecond) {}

    /** A phase ended. */
    default void phaseEnded(TrainingPhase phase) {}

    /** Tells each of {@code listeners} (nulls left out), in order. */
    static TrainingListener all(TrainingListener... listeners) {
        List<TrainingListener> each =
                Arrays.stream(listeners).filter(Objects::nonNull).toList();
        return new TrainingListener() {
            @Override
            public void phaseStarted(TrainingPhase phase, int done) {
                each.forEach(l -> l.phaseStarted(phase, done));
            }

            @Override
            public void iteration(
                    TrainingPhase phase, int iteration, LossValues losses, float learningRate, double imagesPerSecond) {
                each.forEach(l -> l.iteration(phase, iteration, losses, learningRate, imagesPerSecond));
            }

            @Override
            public void phaseEnded(TrainingPhase phase) {
                each.forEach(l -> l.phaseEnded(phase));
            }
        };
    }
}
