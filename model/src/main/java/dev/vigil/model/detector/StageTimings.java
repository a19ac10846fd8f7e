package dev.vigil.model.detector;

import java.util.EnumMap;
import java.util.Map;

/** Wall-clock time of each stage of one detection call, in milliseconds. Not thread-safe. */
public final class StageTimings {

    /** The stages of Faster R-CNN at test time, in order. */
    public enum Stage {
        PREPROCESS,
        BACKBONE,
        RPN,
        PROPOSALS,
        ROI_FEATURES,
        HEAD,
        POSTPROCESS
    }

    private final EnumMap<Stage, Double> millis = new EnumMap<>(Stage.class);
    private Stage current;
    private long startNanos;

    /** Ends the running stage (if any) and starts {@code stage}. */
    public void start(Stage stage) {
        stop();
        current = stage;
        startNanos = System.nanoTime();
    }

    /** Ends the running stage. */
    public void stop() {
        if (current != null) {
            millis.merge(current, (System.nanoTime() - startNanos) / 1e6, Double::sum);
            current = null;
        }
    }

    /** Milliseconds per finished stage, in stage order. */
    public Map<Stage, Double> millis() {
        return new EnumMap<>(millis);
    }

    /** Sum over the stages. */
    public double totalMillis() {
        return millis.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
