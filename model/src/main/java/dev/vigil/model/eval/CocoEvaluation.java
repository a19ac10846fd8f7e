package dev.vigil.model.eval;

import dev.vigil.model.data.Category;
import java.util.Arrays;
import java.util.List;

/**
 * The accumulated result of COCO bbox evaluation: interpolated precision (T×R×K×A×M) and recall (T×K×A×M) for
 * T IoU thresholds, R recall points, K categories, A area ranges and M detection caps, with pycocotools' -1 where
 * a category has no counted ground truth. The metrics are means over the defined entries, as pycocotools'
 * {@code summarize}; a metric with no defined entry is -1.
 */
public final class CocoEvaluation {

    /** Pass as IoU threshold to average over all thresholds (COCO's AP@[.50:.95]). */
    public static final double ALL_IOU_THRESHOLDS = Double.NaN;
    /** The value of a metric that nothing defines, as in pycocotools. */
    public static final double UNDEFINED = -1;

    private final CocoEvalParams params;
    private final List<Category> categories;
    private final double[] precision;
    private final double[] recall;

    CocoEvaluation(CocoEvalParams params, List<Category> categories) {
        this.params = params;
        this.categories = List.copyOf(categories);
        int cells = categories.size() * params.areaRanges().size() * params.maxDetectionsCount();
        this.precision = new double[params.iouCount() * params.recallCount() * cells];
        this.recall = new double[params.iouCount() * cells];
        Arrays.fill(precision, UNDEFINED);
        Arrays.fill(recall, UNDEFINED);
    }

    public CocoEvalParams params() {
        return params;
    }

    /** The K evaluated categories, by increasing id. */
    public List<Category> categories() {
        return categories;
    }

    /**
     * Mean interpolated precision over recall points and categories.
     *
     * @param iouThreshold one of the params' thresholds, or {@link #ALL_IOU_THRESHOLDS}
     * @param area the label of one of the params' area ranges
     * @param maxDetections one of the params' detection caps
     */
    public double averagePrecision(double iouThreshold, String area, int maxDetections) {
        return meanPrecision(iouThreshold, -1, areaIndex(area), capIndex(maxDetections));
    }

    /** Mean final recall over categories; arguments as {@link #averagePrecision}. */
    public double averageRecall(double iouThreshold, String area, int maxDetections) {
        int a = areaIndex(area);
        int m = capIndex(maxDetections);
        double sum = 0;
        int count = 0;
        for (int t : iouIndices(iouThreshold)) {
            for (int k = 0; k < categories.size(); k++) {
                double value = recall[recallIndex(t, k, a, m)];
                if (value > UNDEFINED) {
                    sum += value;
                    count++;
                }
            }
        }
        return count == 0 ? UNDEFINED : sum / count;
    }

    /** One category's AP over all areas at the largest detection cap (COCO's per-class AP table). */
    public double categoryAveragePrecision(int categoryId, double iouThreshold) {
        int k = -1;
        for (int i = 0; i < categories.size() && k < 0; i++) {
            k = categories.get(i).id() == categoryId ? i : -1;
        }
        if (k < 0) {
            throw new IllegalArgumentException("category id " + categoryId + " was not evaluated");
        }
        return meanPrecision(iouThreshold, k, 0, params.maxDetectionsCount() - 1);
    }

    /** pycocotools' 12 {@code stats}; needs its default area labels and three detection caps. */
    public CocoSummary summary() {
        int[] caps = params.maxDetections();
        if (caps.length != CocoEvalParams.DEFAULT.maxDetections().length) {
            throw new IllegalStateException(
                    "the COCO summary needs exactly three detection caps, got " + Arrays.toString(caps));
        }
        int largest = caps[2];
        return new CocoSummary(
                averagePrecision(ALL_IOU_THRESHOLDS, AreaRange.ALL.label(), largest),
                averagePrecision(0.5, AreaRange.ALL.label(), largest),
                averagePrecision(0.75, AreaRange.ALL.label(), largest),
                averagePrecision(ALL_IOU_THRESHOLDS, AreaRange.SMALL.label(), largest),
                averagePrecision(ALL_IOU_THRESHOLDS, AreaRange.MEDIUM.label(), largest),
                averagePrecision(ALL_IOU_THRESHOLDS, AreaRange.LARGE.label(), largest),
                averageRecall(ALL_IOU_THRESHOLDS, AreaRange.ALL.label(), caps[0]),
                averageRecall(ALL_IOU_THRESHOLDS, AreaRange.ALL.label(), caps[1]),
                averageRecall(ALL_IOU_THRESHOLDS, AreaRange.ALL.label(), largest),
                averageRecall(ALL_IOU_THRESHOLDS, AreaRange.SMALL.label(), largest),
                averageRecall(ALL_IOU_THRESHOLDS, AreaRange.MEDIUM.label(), largest),
                averageRecall(ALL_IOU_THRESHOLDS, AreaRange.LARGE.label(), largest));
    }

    /** The precision and recall slots of one category, area range and cap, filled by {@link PrecisionRecallCurve}. */
    Cell cell(int k, int a, int m) {
        return new Cell(k, a, m);
    }

    final class Cell {
        private final int k;
        private final int a;
        private final int m;

        private Cell(int k, int a, int m) {
            this.k = k;
            this.a = a;
            this.m = m;
        }

        void setPrecision(int t, int r, double value) {
            precision[precisionIndex(t, r, k, a, m)] = value;
        }

        void setRecall(int t, double value) {
            recall[recallIndex(t, k, a, m)] = value;
        }
    }

    /** Mean of the defined precision entries; {@code k} -1 means all categories. */
    private double meanPrecision(double iouThreshold, int k, int a, int m) {
        int firstCategory = k < 0 ? 0 : k;
        int endCategory = k < 0 ? categories.size() : k + 1;
        double sum = 0;
        int count = 0;
        for (int t : iouIndices(iouThreshold)) {
            for (int r = 0; r < params.recallCount(); r++) {
                for (int category = firstCategory; category < endCategory; category++) {
                    double value = precision[precisionIndex(t, r, category, a, m)];
                    if (value > UNDEFINED) {
                        sum += value;
                        count++;
                    }
                }
            }
        }
        return count == 0 ? UNDEFINED : sum / count;
    }

    private int precisionIndex(int t, int r, int k, int a, int m) {
        return (((t * params.recallCount() + r) * categories.size() + k)
                                        * params.areaRanges().size()
                                + a)
                        * params.maxDetectionsCount()
                + m;
    }

    private int recallIndex(int t, int k, int a, int m) {
        return ((t * categories.size() + k) * params.areaRanges().size() + a) * params.maxDetectionsCount() + m;
    }

    private int[] iouIndices(double iouThreshold) {
        if (Double.isNaN(iouThreshold)) {
            int[] all = new int[params.iouCount()];
            Arrays.setAll(all, t -> t);
            return all;
        }
        for (int t = 0; t < params.iouCount(); t++) {
            if (Math.abs(params.iouThreshold(t) - iouThreshold) < 1e-12) {
                return new int[] {t};
            }
        }
        throw new IllegalArgumentException("IoU threshold " + iouThreshold + " is not among the evaluated "
                + Arrays.toString(params.iouThresholds()));
    }

    private int areaIndex(String area) {
        for (int a = 0; a < params.areaRanges().size(); a++) {
            if (params.areaRanges().get(a).label().equals(area)) {
                return a;
            }
        }
        throw new IllegalArgumentException("area range '" + area + "' was not evaluated");
    }

    private int capIndex(int maxDetections) {
        for (int m = 0; m < params.maxDetectionsCount(); m++) {
            if (params.maxDetections(m) == maxDetections) {
                return m;
            }
        }
        throw new IllegalArgumentException("detection cap " + maxDetections + " is not among the evaluated "
                + Arrays.toString(params.maxDetections()));
    }
}
