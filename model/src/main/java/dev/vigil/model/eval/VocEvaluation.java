package dev.vigil.model.eval;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** VOC AP of every category and their means (mAP) over the categories that have positives. */
public record VocEvaluation(List<VocClassResult> classes) {

    /** AP of a category without positives, left out of the means (-1 as in COCO). */
    public static final double UNDEFINED = -1;

    public VocEvaluation {
        classes = List.copyOf(classes);
    }

    /** VOC2007 mAP. */
    public double meanElevenPointAp() {
        return mean(VocClassResult::elevenPointAp);
    }

    /** VOC2010+ mAP. */
    public double meanAllPointAp() {
        return mean(VocClassResult::allPointAp);
    }

    public VocClassResult of(int categoryId) {
        return classes.stream()
                .filter(c -> c.category().id() == categoryId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("category id " + categoryId + " was not evaluated"));
    }

    private double mean(ToDoubleFunction<VocClassResult> ap) {
        double[] defined =
                classes.stream().mapToDouble(ap).filter(v -> v > UNDEFINED).toArray();
        if (defined.length == 0) {
            return UNDEFINED;
        }
        double sum = 0;
        for (double v : defined) {
            sum += v;
        }
        return sum / defined.length;
    }
}
