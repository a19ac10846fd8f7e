package dev.vigil.model.gate;

import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.eval.ModelEvaluation;
import dev.vigil.model.roiheads.BoxHeadConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The promotion gate: a candidate model may replace the production model only if, on one held-out dataset, neither
 * its COCO AP nor the AP50 of any class the dataset has falls below production's by more than a tolerance. Both
 * models are evaluated here, on the same images, in the same way ({@link ModelEvaluation}); a class production can
 * detect and the candidate cannot counts as an AP50 of 0.
 *
 * <p>For {@code vigil model promote} and {@code vigil retrain}: {@code new PromotionGate(tolerance).evaluate(candidate,
 * production, heldOut, progress)}, then record the {@link GateVerdict} with the release.
 */
public final class PromotionGate {

    /** One point of AP (on the 0..1 scale): run-to-run noise on small held-out sets. */
    public static final double DEFAULT_TOLERANCE = 0.01;

    private final double tolerance;

    /** @param tolerance how far (AP, 0..1) a figure may fall below production's; 0 or more */
    public PromotionGate(double tolerance) {
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("the gate's tolerance must be between 0 and 1 (AP), got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    public double tolerance() {
        return tolerance;
    }

    /**
     * Evaluates the candidate and, when there is one, the production model on {@code heldOut}, and compares them.
     *
     * @param production the model now in production, or null when there is none (the candidate then passes and its
     *     figures are recorded)
     * @param progress where the evaluations report progress and warnings
     */
    public GateVerdict evaluate(
            ModelArtifact candidate, ModelArtifact production, Dataset heldOut, PrintWriter progress)
            throws IOException {
        GateFigures candidateFigures = figures(candidate, heldOut, progress);
        GateFigures productionFigures = production == null ? null : figures(production, heldOut, progress);
        return compare(candidateFigures, productionFigures);
    }

    /** The figures of one model on a dataset. */
    public static GateFigures figures(ModelArtifact model, Dataset dataset, PrintWriter progress) throws IOException {
        return GateFigures.of(ModelEvaluation.run(
                        model, dataset, dataset.images(), BoxHeadConfig.DETECTIONS_PER_IMAGE, null, progress)
                .report());
    }

    /** Compares figures already computed on one dataset; {@code production} null: nothing to compare with. */
    public GateVerdict compare(GateFigures candidate, GateFigures production) {
        List<String> findings = new ArrayList<>();
        if (production != null) {
            worse("COCO AP", candidate.cocoAp(), production.cocoAp(), findings);
            for (Map.Entry<String, GateFigures.ClassFigures> entry :
                    production.perClass().entrySet()) {
                double productionAp50 = entry.getValue().ap50();
                if (productionAp50 < 0) {
                    continue; // the dataset has no ground truth of this class
                }
                GateFigures.ClassFigures mine = candidate.perClass().get(entry.getKey());
                worse(
                        "AP50 of " + entry.getKey(),
                        mine == null ? 0 : Math.max(0, mine.ap50()),
                        productionAp50,
                        findings);
            }
        }
        return new GateVerdict(findings.isEmpty(), findings, tolerance, candidate, production);
    }

    private void worse(String figure, double candidate, double production, List<String> findings) {
        if (candidate < production - tolerance) {
            findings.add(String.format(
                    Locale.ROOT, "%s %.3f < production's %.3f - %.3f", figure, candidate, production, tolerance));
        }
    }
}
