package dev.vigil.model.eval;

import ai.djl.Device;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.progress.ProgressBars;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;

/**
 * Runs a model artifact over a dataset's images and evaluates its detections (COCO and VOC), with a progress bar:
 * what {@code vigil eval}, {@code vigil train}'s validation and the training benchmarks share. Model classes meet
 * dataset categories by name ({@link ClassCategoryMapping}); categories the model cannot detect are left out.
 */
public final class ModelEvaluation {

    private ModelEvaluation() {}

    /**
     * What an evaluation computed.
     *
     * @param evaluated the dataset as evaluated (matched categories only)
     */
    public record Outcome(
            Dataset evaluated,
            ClassCategoryMapping mapping,
            List<ImageDetectionResult> detections,
            EvaluationReport report) {}

    /**
     * @param images the images to run on (a subset of {@code dataset}'s)
     * @param proposalRecall also collects RPN proposal recall, or null
     * @param warnings where unmatched classes and categories are reported
     */
    public static Outcome run(
            ModelArtifact artifact,
            Dataset dataset,
            List<AnnotatedImage> images,
            int maxDetections,
            ProposalRecall proposalRecall,
            PrintWriter warnings)
            throws IOException {
        ClassCategoryMapping mapping = ClassCategoryMapping.byName(artifact.classNames(), dataset.categories());
        if (!mapping.unmatchedClasses().isEmpty()) {
            warnings.println("warning: model classes without a dataset category are not evaluated: "
                    + mapping.unmatchedClasses());
        }
        if (!mapping.unmatchedCategories().isEmpty()) {
            warnings.println("warning: dataset categories the model cannot detect are left out: "
                    + mapping.unmatchedCategories());
        }
        warnings.flush();
        Dataset evaluated = new Dataset(dataset.imagesDir(), mapping.matchedCategories(), images);
        List<ImageDetectionResult> detections = detect(artifact, evaluated, mapping, maxDetections, proposalRecall);
        EvaluationReport report = new EvaluationReport(
                new CocoEvaluator().evaluate(evaluated, detections),
                new VocEvaluator().evaluate(evaluated, detections));
        return new Outcome(evaluated, mapping, detections, report);
    }

    private static List<ImageDetectionResult> detect(
            ModelArtifact artifact,
            Dataset evaluated,
            ClassCategoryMapping mapping,
            int maxDetections,
            ProposalRecall proposalRecall)
            throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        List<ImageDetectionResult> detections =
                new ArrayList<>(evaluated.images().size());
        int preNmsTopN = proposalRecall == null
                ? 0
                : Math.max(artifact.config().rpn().preNmsTopNTest(), proposalRecall.largestCount());
        try (Detector detector = Detector.load(artifact, Device.cpu());
                ProgressBar bar = ProgressBars.create("eval", evaluated.images().size(), " images")) {
            for (AnnotatedImage image : evaluated.images()) {
                RgbImage rgb = decoder.read(evaluated.imagePath(image));
                detections.add(mapping.toResult(
                        image.id(), detector.detect(List.of(rgb)).get(0), maxDetections));
                if (proposalRecall != null) {
                    proposalRecall.add(
                            detector.proposals(List.of(rgb), preNmsTopN, proposalRecall.largestCount())
                                    .get(0),
                            image.boxes());
                }
                bar.step();
            }
        }
        return detections;
    }
}
