package dev.vigil.model.gate;

import dev.vigil.model.data.Category;
import dev.vigil.model.eval.CocoEvaluation;
import dev.vigil.model.eval.EvaluationReport;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One model's figures on the gate's dataset: COCO AP (IoU 0.50:0.95) and AP50 over all classes, and both per class.
 * A figure the dataset cannot define (no ground truth of a class) is -1, as in {@link EvaluationReport}.
 *
 * @param perClass by class label
 */
public record GateFigures(double cocoAp, double ap50, Map<String, ClassFigures> perClass) {

    /** One class's figures. */
    public record ClassFigures(double ap50, double cocoAp) {}

    public GateFigures {
        perClass = Collections.unmodifiableMap(new TreeMap<>(perClass));
    }

    /** The figures of an evaluation. */
    public static GateFigures of(EvaluationReport report) {
        return of(report.coco());
    }

    /** The figures of a COCO evaluation. */
    public static GateFigures of(CocoEvaluation coco) {
        Map<String, ClassFigures> perClass = new TreeMap<>();
        for (Category category : coco.categories()) {
            perClass.put(
                    category.name(),
                    new ClassFigures(
                            coco.categoryAveragePrecision(category.id(), 0.5),
                            coco.categoryAveragePrecision(category.id(), CocoEvaluation.ALL_IOU_THRESHOLDS)));
        }
        return new GateFigures(coco.summary().ap(), coco.summary().ap50(), perClass);
    }
}
