package dev.vigil.model.train;

import dev.vigil.model.progress.ProgressBars;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/** A progress bar per training phase with the smoothed losses, images/s and the ETA ({@link ProgressBars}). */
public final class TrainingProgress implements TrainingListener, AutoCloseable {

    private ProgressBar bar;
    private double smoothedTotal = Double.NaN;

    @Override
    public void phaseStarted(TrainingPhase phase, int done) {
        bar = ProgressBars.builder(phase.name(), phase.iterations(), " it")
                .startsFrom(done, java.time.Duration.ZERO)
                .build();
    }

    @Override
    public void iteration(
            TrainingPhase phase, int iteration, LossValues losses, float learningRate, double imagesPerSecond) {
        smoothedTotal = Double.isNaN(smoothedTotal) ? losses.total() : 0.95 * smoothedTotal + 0.05 * losses.total();
        bar.stepTo(iteration + 1);
        bar.setExtraMessage(String.format(
                Locale.ROOT,
                " loss %.3f (rpn %.3f/%.3f head %.3f/%.3f) lr %.4f %.1f img/s",
                smoothedTotal,
                losses.rpnObjectness(),
                losses.rpnBox(),
                losses.classifier(),
                losses.boxRegression(),
                learningRate,
                imagesPerSecond));
    }

    @Override
    public void phaseEnded(TrainingPhase phase) {
        close();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
