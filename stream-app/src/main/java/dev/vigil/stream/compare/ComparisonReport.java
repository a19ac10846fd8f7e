package dev.vigil.stream.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.gate.GateFigures;
import dev.vigil.model.plot.BarPlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A {@link TopicComparison.Result} for people and machines: a table, {@value #JSON_FILE}, and the PNGs {@value
 * #AGREEMENT_PNG} (per class: matched, only in A, only in B) and, with a dataset, {@value #AP_PNG} (AP50 per class of
 * A and B).
 */
public final class ComparisonReport {

    public static final String JSON_FILE = "compare.json";
    public static final String AGREEMENT_PNG = "compare.png";
    public static final String AP_PNG = "compare-ap.png";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TopicComparison.Settings settings;
    private final TopicComparison.Result result;

    public ComparisonReport(TopicComparison.Settings settings, TopicComparison.Result result) {
        this.settings = settings;
        this.result = result;
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "A = %s: %d frames (%s)%nB = %s: %d frames (%s)%n%d frames in both; boxes matched at IoU >= %.2f%n%n",
                settings.topicA(),
                result.framesA(),
                String.join(", ", result.modelsA()),
                settings.topicB(),
                result.framesB(),
                String.join(", ", result.modelsB()),
                result.agreement().frames(),
                settings.iou()));
        String format = "%-16s %8s %8s %8s %7s %12s %9s%n";
        out.append(String.format(
                Locale.ROOT, format, "class", "matched", "only-A", "only-B", "agree", "score B-A", "mean IoU"));
        for (Agreement.ClassAgreement c : result.agreement().perClass()) {
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    c.label(),
                    c.matched(),
                    c.onlyA(),
                    c.onlyB(),
                    number("%.3f", c.agreement()),
                    number("%+.3f", c.meanScoreShift()),
                    number("%.3f", c.meanIou())));
        }
        if (result.figuresA() != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "%non the labelled dataset (%d of its images among these frames):%n",
                    result.datasetImages()));
            String figures = "%-16s %8s %8s%n";
            out.append(String.format(Locale.ROOT, figures, "figure", "A", "B"));
            out.append(String.format(
                    Locale.ROOT,
                    figures,
                    "COCO AP",
                    figure(result.figuresA().cocoAp()),
                    figure(result.figuresB().cocoAp())));
            out.append(String.format(
                    Locale.ROOT,
                    figures,
                    "AP50",
                    figure(result.figuresA().ap50()),
                    figure(result.figuresB().ap50())));
            for (String label : labels()) {
                out.append(String.format(
                        Locale.ROOT,
                        figures,
                        "AP50 " + label,
                        ap50(result.figuresA(), label),
                        ap50(result.figuresB(), label)));
            }
        }
        return out.toString();
    }

    /** Writes {@value #JSON_FILE} and the PNGs into {@code dir}; returns the files written. */
    public java.util.List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        java.util.List<Path> written = new java.util.ArrayList<>();
        Path json = dir.resolve(JSON_FILE);
        JSON.writeValue(json.toFile(), toJson());
        written.add(json);
        Map<String, Double> matched = new LinkedHashMap<>();
        Map<String, Double> onlyA = new LinkedHashMap<>();
        Map<String, Double> onlyB = new LinkedHashMap<>();
        for (Agreement.ClassAgreement c : result.agreement().perClass()) {
            matched.put(c.label(), (double) c.matched());
            onlyA.put(c.label(), (double) c.onlyA());
            onlyB.put(c.label(), (double) c.onlyB());
        }
        if (!matched.isEmpty()) {
            Path png = dir.resolve(AGREEMENT_PNG);
            BarPlot.builder(
                            String.format(
                                    Locale.ROOT,
                                    "%s (A) vs %s (B), %d frames",
                                    settings.topicA(),
                                    settings.topicB(),
                                    result.agreement().frames()),
                            "class",
                            "boxes")
                    .series("matched (IoU >= " + settings.iou() + ")", matched)
                    .series("only in A", onlyA)
                    .series("only in B", onlyB)
                    .build()
                    .writePng(png);
            written.add(png);
        }
        if (result.figuresA() != null) {
            Map<String, Double> a = new LinkedHashMap<>();
            Map<String, Double> b = new LinkedHashMap<>();
            for (String label : labels()) {
                a.put(label, Math.max(0, result.figuresA().perClass().get(label).ap50()));
                b.put(label, Math.max(0, result.figuresB().perClass().get(label).ap50()));
            }
            Path png = dir.resolve(AP_PNG);
            BarPlot.builder("AP50 on the labelled frames (" + result.datasetImages() + " images)", "class", "AP50")
                    .series("A: " + settings.topicA(), a)
                    .series("B: " + settings.topicB(), b)
                    .build()
                    .writePng(png);
            written.add(png);
        }
        return written;
    }

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("a", settings.topicA()).put("b", settings.topicB()).put("iou", settings.iou());
        root.put("frames_a", result.framesA()).put("frames_b", result.framesB());
        root.put("frames_both", result.agreement().frames());
        ArrayNode classes = root.putArray("per_class");
        for (Agreement.ClassAgreement c : result.agreement().perClass()) {
            ObjectNode node = classes.addObject()
                    .put("label", c.label())
                    .put("matched", c.matched())
                    .put("only_a", c.onlyA())
                    .put("only_b", c.onlyB());
            putNumber(node, "agreement", c.agreement());
            putNumber(node, "mean_score_shift", c.meanScoreShift());
            putNumber(node, "mean_iou", c.meanIou());
        }
        if (result.figuresA() != null) {
            root.put("dataset_images", result.datasetImages());
            root.set("figures_a", JSON.valueToTree(result.figuresA()));
            root.set("figures_b", JSON.valueToTree(result.figuresB()));
        }
        return root;
    }

    private TreeSet<String> labels() {
        return new TreeSet<>(result.figuresA().perClass().keySet());
    }

    private static String ap50(GateFigures figures, String label) {
        GateFigures.ClassFigures f = figures.perClass().get(label);
        return f == null ? "-" : figure(f.ap50());
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }

    /** An AP figure; -1 (undefined: no ground truth) as "-". */
    private static String figure(double value) {
        return value < 0 ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
