package dev.vigil.model.train;

/**
 * The loss terms of one iteration as numbers; NaN marks a term the step did not compute.
 *
 * @param finite whether every computed term is a finite number
 */
public record LossValues(float rpnObjectness, float rpnBox, float classifier, float boxRegression, boolean finite) {

    /** The sum of the computed terms. */
    public float total() {
        float total = 0;
        for (float v : new float[] {rpnObjectness, rpnBox, classifier, boxRegression}) {
            total += Float.isNaN(v) ? 0 : v;
        }
        return total;
    }
}
