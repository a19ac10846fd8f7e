package dev.vigil.model.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.data.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * COCO and VOC metrics of one evaluation, as a table for people and as the metrics JSON for machines:
 * {@code {"AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl", "voc07_mAP",
 * "voc_area_mAP", "per_class": {name: {"AP", "AP50", "voc07_AP", "voc_area_AP"}}}}, -1 where undefined.
 */
public record EvaluationReport(CocoEvaluation coco, VocEvaluation voc) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] SUMMARY_KEYS = {
        "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"
    };

    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        double[] stats = coco.summary().toArray();
        for (int i = 0; i < stats.length; i++) {
            root.put(SUMMARY_KEYS[i], stats[i]);
        }
        root.put("voc07_mAP", voc.meanElevenPointAp());
        root.put("voc_area_mAP", voc.meanAllPointAp());
        ObjectNode perClass = root.putObject("per_class");
        for (Category category : coco.categories()) {
            VocClassResult vocClass = voc.of(category.id());
            perClass.putObject(category.name())
                    .put("AP", coco.categoryAveragePrecision(category.id(), CocoEvaluation.ALL_IOU_THRESHOLDS))
                    .put("AP50", coco.categoryAveragePrecision(category.id(), 0.5))
                    .put("voc07_AP", vocClass.elevenPointAp())
                    .put("voc_area_AP", vocClass.allPointAp());
        }
        return root;
    }

    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        JSON.writeValue(file.toFile(), toJson());
    }

    /** The 12 COCO numbers as pycocotools prints them, the VOC mAPs, then a row per category. */
    public String table() {
        StringBuilder out = new StringBuilder();
        CocoSummary s = coco.summary();
        line(out, "Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]", s.ap());
        line(out, "Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ]", s.ap50());
        line(out, "Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ]", s.ap75());
        line(out, "Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ]", s.apSmall());
        line(out, "Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ]", s.apMedium());
        line(out, "Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ]", s.apLarge());
        line(out, "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ]", s.ar1());
        line(out, "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ]", s.ar10());
        line(out, "Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ]", s.ar100());
        line(out, "Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ]", s.arSmall());
        line(out, "Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ]", s.arMedium());
        line(out, "Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ]", s.arLarge());
        line(out, "PASCAL VOC2007 mAP (11-point)  @[ IoU>0.50 ]", voc.meanElevenPointAp());
        line(out, "PASCAL VOC2010 mAP (all-point) @[ IoU>0.50 ]", voc.meanAllPointAp());
        int width = Math.max(
                "category".length(),
                coco.categories().stream()
                        .mapToInt(c -> c.name().length())
                        .max()
                        .orElse(0));
        out.append(String.format(
                Locale.ROOT,
                "%n%-" + width + "s %8s %8s %8s %8s %8s%n",
                "category",
                "AP",
                "AP50",
                "VOC07",
                "VOC10",
                "objects"));
        for (Category category : coco.categories()) {
            VocClassResult vocClass = voc.of(category.id());
            out.append(String.format(
                    Locale.ROOT,
                    "%-" + width + "s %8.3f %8.3f %8.3f %8.3f %8d%n",
                    category.name(),
                    coco.categoryAveragePrecision(category.id(), CocoEvaluation.ALL_IOU_THRESHOLDS),
                    coco.categoryAveragePrecision(category.id(), 0.5),
                    vocClass.elevenPointAp(),
                    vocClass.allPointAp(),
                    vocClass.positives()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String label, double value) {
        out.append(' ').append(label).append(String.format(Locale.ROOT, " = %.3f%n", value));
    }
}
