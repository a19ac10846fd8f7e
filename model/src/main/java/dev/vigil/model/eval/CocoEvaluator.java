package dev.vigil.model.eval;

import dev.vigil.model.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * COCO bbox evaluation reproducing pycocotools' {@code COCOeval} (evaluate, accumulate, summarize) number for
 * number: per image and category, the best {@code maxDets} detections by score are matched greedily to ground
 * truth at each IoU threshold ({@link ImageCategoryMatches}), then pooled over images into 101-point interpolated
 * precision and recall ({@link PrecisionRecallCurve}). Categories are the dataset's, images all the dataset's
 * images (one without detections still counts its ground truth as missed).
 */
public final class CocoEvaluator {

    private final CocoEvalParams params;

    public CocoEvaluator() {
        this(CocoEvalParams.DEFAULT);
    }

    public CocoEvaluator(CocoEvalParams params) {
        this.params = params;
    }

    /**
     * @param groundTruth the evaluated images with their boxes, and the categories
     * @param detections the detections per image; an image may be missing or appear several times
     * @throws IllegalArgumentException if a detection names an image or category the dataset lacks, or is malformed
     */
    public CocoEvaluation evaluate(Dataset groundTruth, List<ImageDetectionResult> detections) {
        EvaluationSet set = new EvaluationSet(groundTruth, detections);
        CocoEvaluation evaluation = new CocoEvaluation(params, set.categories());
        int areas = params.areaRanges().size();
        double[] iouThresholds = params.iouThresholds();
        for (int k = 0; k < set.categories().size(); k++) {
            int categoryId = set.categories().get(k).id();
            List<List<ImageCategoryMatches>> byArea = new ArrayList<>();
            for (int a = 0; a < areas; a++) {
                byArea.add(new ArrayList<>());
            }
            for (int n = 0; n < set.imageCount(); n++) {
                GroundTruthOfImage truth = set.truth(n, categoryId);
                DetectionsOfImage found = set.detections(n, categoryId);
                if (truth.count() == 0 && found.count() == 0) {
                    continue;
                }
                DetectionsOfImage best = found.bestFirst(params.largestMaxDetections());
                double[] overlaps = CocoIou.matrix(best.boxes(), truth.boxes(), truth.crowd());
                for (int a = 0; a < areas; a++) {
                    byArea.get(a)
                            .add(ImageCategoryMatches.match(
                                    best.boxes(),
                                    best.scores(),
                                    overlaps,
                                    truth,
                                    params.areaRanges().get(a),
                                    iouThresholds));
                }
            }
            for (int a = 0; a < areas; a++) {
                for (int m = 0; m < params.maxDetectionsCount(); m++) {
                    PrecisionRecallCurve.accumulate(
                            byArea.get(a), params.maxDetections(m), params, evaluation.cell(k, a, m));
                }
            }
        }
        return evaluation;
    }
}
