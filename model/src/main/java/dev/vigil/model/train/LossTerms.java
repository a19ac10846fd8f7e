package dev.vigil.model.train;

import ai.djl.ndarray.NDArray;

/**
 * The four loss terms of one iteration (scalars with gradient; a term a training step does not use is null).
 *
 * @param rpnObjectness the RPN's log loss
 * @param rpnBox the RPN's box regression loss (already weighted)
 * @param classifier the detection head's log loss
 * @param boxRegression the detection head's box regression loss
 */
public record LossTerms(NDArray rpnObjectness, NDArray rpnBox, NDArray classifier, NDArray boxRegression) {

    /** The sum of the terms present. */
    public NDArray total() {
        NDArray total = null;
        for (NDArray term : new NDArray[] {rpnObjectness, rpnBox, classifier, boxRegression}) {
            if (term != null) {
                total = total == null ? term : total.add(term);
            }
        }
        if (total == null) {
            throw new IllegalStateException("no loss terms");
        }
        return total;
    }

    /** Whether no term was computed (e.g. no RoI could be sampled). */
    public boolean isEmpty() {
        return rpnObjectness == null && rpnBox == null && classifier == null && boxRegression == null;
    }

    /** The values, NaN for absent terms, and whether every computed term is finite. */
    public LossValues values() {
        float[] v = {value(rpnObjectness), value(rpnBox), value(classifier), value(boxRegression)};
        NDArray[] terms = {rpnObjectness, rpnBox, classifier, boxRegression};
        boolean finite = true;
        for (int i = 0; i < terms.length; i++) {
            finite &= terms[i] == null || Float.isFinite(v[i]);
        }
        return new LossValues(v[0], v[1], v[2], v[3], finite);
    }

    private static float value(NDArray term) {
        return term == null ? Float.NaN : term.getFloat();
    }
}
