package dev.vigil.model.train;

import java.util.List;

/**
 * SGD with momentum and weight decay, a linear warm-up and a step schedule (the paper: lr 0.001, momentum 0.9,
 * weight decay 0.0005, ×0.1 after 60k of 80k iterations on VOC; torchvision: warm-up from lr/1000 over 1,000
 * iterations).
 *
 * @param learningRate base learning rate
 * @param momentum momentum (0.9)
 * @param weightDecay L2 weight decay added to the gradient (0.0005 paper, 0.0001 torchvision)
 * @param warmupIterations iterations of linear warm-up (0 for none)
 * @param warmupFactor the warm-up's starting fraction of the learning rate
 * @param steps iterations after which the learning rate is multiplied by {@code gamma}
 * @param gamma the step factor (0.1)
 * @param maxGradientNorm gradients are scaled down to this global L2 norm when above it (0: never, as the paper)
 */
public record SgdSettings(
        float learningRate,
        float momentum,
        float weightDecay,
        int warmupIterations,
        float warmupFactor,
        List<Integer> steps,
        float gamma,
        float maxGradientNorm) {

    public static final float MOMENTUM = 0.9f;
    public static final float PAPER_WEIGHT_DECAY = 0.0005f;
    public static final float WARMUP_FACTOR = 0.001f;
    public static final float GAMMA = 0.1f;

    public SgdSettings {
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need learning rate > 0, momentum in [0, 1), weight decay >= 0, got "
                    + learningRate + ", " + momentum + ", " + weightDecay);
        }
        if (warmupIterations < 0 || !(warmupFactor > 0 && warmupFactor <= 1) || !(gamma > 0)) {
            throw new IllegalArgumentException("need warm-up iterations >= 0, factor in (0, 1], gamma > 0, got "
                    + warmupIterations + ", " + warmupFactor + ", " + gamma);
        }
        if (!(maxGradientNorm >= 0)) {
            throw new IllegalArgumentException("max gradient norm must be >= 0 (0 for none), got " + maxGradientNorm);
        }
        steps = List.copyOf(steps);
    }

    /** The same settings with another base learning rate. */
    public SgdSettings withLearningRate(float newLearningRate) {
        return new SgdSettings(
                newLearningRate, momentum, weightDecay, warmupIterations, warmupFactor, steps, gamma, maxGradientNorm);
    }

    /** The same settings with a fitted schedule: warm-up and steps multiplied by {@code share}. */
    public SgdSettings scaledSchedule(double share) {
        return new SgdSettings(
                learningRate,
                momentum,
                weightDecay,
                (int) (warmupIterations * share),
                warmupFactor,
                steps.stream().map(s -> (int) (s * share)).toList(),
                gamma,
                maxGradientNorm);
    }

    /** The learning rate at an iteration (0-based): warm-up ramp × gamma^(steps passed). */
    public float learningRateAt(int iteration) {
        float factor = 1f;
        if (iteration < warmupIterations) {
            float alpha = (float) iteration / warmupIterations;
            factor = warmupFactor * (1 - alpha) + alpha;
        }
        for (int step : steps) {
            if (iteration >= step) {
                factor *= gamma;
            }
        }
        return learningRate * factor;
    }
}
