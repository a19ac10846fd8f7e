package dev.vigil.model.eval;

import dev.vigil.model.box.BoxIou;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.plot.LinePlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Recall of ground-truth boxes by region proposals against the IoU a box must be covered with, for the best N
 * proposals of each image: the paper's Figure 4 (N = 300, 1,000, 2,000; IoU 0.5 to 1). A box is recalled at IoU t
 * by N proposals if one of the image's first N proposals overlaps it with IoU ≥ t. Crowd boxes are left out.
 * Collect image by image with {@link #add}, then read {@link #recall}, or write the table and the chart.
 */
public final class ProposalRecall {

    /** The paper's proposal counts of Figure 4. */
    private static final int[] PAPER_PROPOSAL_COUNTS = {300, 1000, 2000};

    public static final double IOU_FROM = 0.5;
    public static final double IOU_TO = 1.0;
    public static final int IOU_STEPS = 11;
    public static final String CSV_FILE = "proposal_recall.csv";
    public static final String PNG_FILE = "proposal_recall.png";

    private final int[] proposalCounts;
    private final double[] iouThresholds;
    /** Per proposal count, the best IoU of every ground-truth box added so far (in order of addition). */
    private final double[][] bestIous;

    private int boxes;

    public ProposalRecall() {
        this(PAPER_PROPOSAL_COUNTS, CocoEvalParams.linspace(IOU_FROM, IOU_TO, IOU_STEPS));
    }

    /**
     * @param proposalCounts the N values, ascending
     * @param iouThresholds the IoU values recall is read at
     */
    public ProposalRecall(int[] proposalCounts, double[] iouThresholds) {
        if (proposalCounts.length == 0 || iouThresholds.length == 0) {
            throw new IllegalArgumentException("proposal recall needs at least one proposal count and IoU threshold");
        }
        for (int i = 0; i < proposalCounts.length; i++) {
            if (proposalCounts[i] <= 0 || (i > 0 && proposalCounts[i] <= proposalCounts[i - 1])) {
                throw new IllegalArgumentException(
                        "proposal counts must be positive and ascending, got " + Arrays.toString(proposalCounts));
            }
        }
        this.proposalCounts = proposalCounts.clone();
        this.iouThresholds = iouThresholds.clone();
        this.bestIous = new double[proposalCounts.length][16];
    }

    /** The largest N: how many proposals per image {@link #add} needs to see. */
    public int largestCount() {
        return proposalCounts[proposalCounts.length - 1];
    }

    /**
     * Adds one image.
     *
     * @param proposals K×4 boxes, best first (fewer than N proposals: all of them count for N)
     * @param truth the image's ground truth; crowd boxes are skipped
     */
    public void add(float[] proposals, List<GroundTruthBox> truth) {
        float[] counted = countedBoxes(truth);
        int g = counted.length / 4;
        if (g == 0) {
            return;
        }
        int k = Math.min(proposals.length / 4, largestCount());
        float[] iou = BoxIou.matrix(Arrays.copyOf(proposals, 4 * k), counted);
        ensureCapacity(boxes + g);
        for (int j = 0; j < g; j++) {
            double best = 0;
            int from = 0;
            for (int n = 0; n < proposalCounts.length; n++) {
                int to = Math.min(k, proposalCounts[n]);
                for (int i = from; i < to; i++) {
                    if (iou[i * g + j] > best) {
                        best = iou[i * g + j];
                    }
                }
                from = to;
                bestIous[n][boxes + j] = best;
            }
        }
        boxes += g;
    }

    /** Ground-truth boxes added so far (crowd excluded). */
    public int boxCount() {
        return boxes;
    }

    /** Fraction of the boxes that the first {@code proposalCounts[n]} proposals cover with IoU ≥ threshold t. */
    public double recall(int n, int t) {
        if (boxes == 0) {
            throw new IllegalStateException("no ground-truth box was added: recall is undefined");
        }
        int covered = 0;
        for (int j = 0; j < boxes; j++) {
            covered += bestIous[n][j] >= iouThresholds[t] ? 1 : 0;
        }
        return (double) covered / boxes;
    }

    /** Writes {@link #CSV_FILE} (a row per IoU threshold, a column per N) and {@link #PNG_FILE} into {@code dir}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("iou");
        for (int count : proposalCounts) {
            csv.append(",recall_").append(count);
        }
        csv.append('\n');
        for (int t = 0; t < iouThresholds.length; t++) {
            csv.append(String.format(Locale.ROOT, "%.2f", iouThresholds[t]));
            for (int n = 0; n < proposalCounts.length; n++) {
                csv.append(String.format(Locale.ROOT, ",%.6f", recall(n, t)));
            }
            csv.append('\n');
        }
        Files.writeString(dir.resolve(CSV_FILE), csv, StandardCharsets.UTF_8);
        plot().writePng(dir.resolve(PNG_FILE));
    }

    /** Recall against IoU, one line per N, as the paper's Figure 4. */
    public LinePlot plot() {
        LinePlot.Builder plot = LinePlot.builder(
                        "Recall vs. IoU (" + boxes + " ground-truth boxes)", "IoU overlap ratio", "recall")
                .yRange(0, 1);
        for (int n = 0; n < proposalCounts.length; n++) {
            double[] recall = new double[iouThresholds.length];
            for (int t = 0; t < recall.length; t++) {
                recall[t] = recall(n, t);
            }
            plot.series(proposalCounts[n] + " proposals", iouThresholds, recall);
        }
        return plot.build();
    }

    private static float[] countedBoxes(List<GroundTruthBox> truth) {
        float[] counted = new float[4 * truth.size()];
        int g = 0;
        for (GroundTruthBox box : truth) {
            if (!box.crowd()) {
                counted[4 * g] = box.x1();
                counted[4 * g + 1] = box.y1();
                counted[4 * g + 2] = box.x2();
                counted[4 * g + 3] = box.y2();
                g++;
            }
        }
        return Arrays.copyOf(counted, 4 * g);
    }

    private void ensureCapacity(int needed) {
        if (needed > bestIous[0].length) {
            for (int n = 0; n < bestIous.length; n++) {
                bestIous[n] = Arrays.copyOf(bestIous[n], Math.max(needed, 2 * bestIous[n].length));
            }
        }
    }
}
