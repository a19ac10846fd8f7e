package dev.vigil.model.cli;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.eval.CocoResultsFile;
import dev.vigil.model.eval.EvaluationReport;
import dev.vigil.model.eval.ImageDetectionResult;
import dev.vigil.model.eval.ModelEvaluation;
import dev.vigil.model.eval.ProposalRecall;
import dev.vigil.model.roiheads.BoxHeadConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vigil eval}: runs a model artifact over a COCO dataset and reports COCO and VOC metrics. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate a model on a COCO-format dataset: COCO AP/AR (as pycocotools), PASCAL VOC mAP and "
                    + "per-class AP. Model classes are matched to dataset categories by name.",
            "With --proposal-recall, also the RPN's recall against IoU at 300/1000/2000 proposals (the paper's "
                    + "Figure 4)."
        })
public final class EvaluateCommand implements Callable<Integer> {

    /** torchvision's {@code box_detections_per_img}, the cap of COCO's AR@100. */
    public static final int MAX_DETECTIONS_PER_IMAGE = BoxHeadConfig.DETECTIONS_PER_IMAGE;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "model artifact directory")
    Path model;

    @Option(names = "--dataset", required = true, description = "COCO JSON with the ground truth")
    Path dataset;

    @Option(names = "--images", description = "images folder (default: the one the COCO JSON names, or its folder)")
    Path images;

    @Option(names = "--metrics-json", description = "write the metrics as JSON to this file")
    Path metricsJson;

    @Option(names = "--results", description = "write the detections as a COCO results file (pycocotools' loadRes)")
    Path results;

    @Option(
            names = "--score-thresh",
            defaultValue = "" + BoxHeadConfig.SCORE_THRESHOLD,
            description = "drop detections scoring at most this (default: ${DEFAULT-VALUE}, torchvision's: low, so "
                    + "that the precision/recall curve is complete)")
    float scoreThreshold;

    @Option(
            names = "--max-detections",
            defaultValue = "" + MAX_DETECTIONS_PER_IMAGE,
            description = "detections kept per image, best first (default: ${DEFAULT-VALUE})")
    int maxDetections;

    @Option(names = "--max-images", description = "evaluate only the first N images of the dataset")
    Integer maxImages;

    @Option(
            names = "--proposal-recall",
            paramLabel = "DIR",
            description = "write the RPN's recall vs. IoU (" + ProposalRecall.CSV_FILE + ", " + ProposalRecall.PNG_FILE
                    + ") into DIR")
    Path proposalRecallDir;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        Dataset all = images == null ? CocoDataset.read(dataset) : CocoDataset.read(dataset, images);
        List<AnnotatedImage> selected = maxImages == null
                ? all.images()
                : all.images().subList(0, Math.min(maxImages, all.images().size()));
        requireImageFiles(all, selected);
        ModelArtifact artifact = ModelArtifact.read(model);
        artifact = artifact.withConfig(
                artifact.config().withBoxHead(artifact.config().boxHead().withScoreThreshold(scoreThreshold)));
        PrintWriter err = spec.commandLine().getErr();
        ProposalRecall proposalRecall = proposalRecallDir == null ? null : new ProposalRecall();
        ModelEvaluation.Outcome outcome =
                ModelEvaluation.run(artifact, all, selected, maxDetections, proposalRecall, err);
        List<ImageDetectionResult> detections = outcome.detections();
        EvaluationReport report = outcome.report();
        if (results != null) {
            CocoResultsFile.write(results, detections);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "%d images, %d detections%n",
                selected.size(),
                detections.stream().mapToInt(d -> d.boxes().size()).sum());
        out.print(report.table());
        if (metricsJson != null) {
            report.writeJson(metricsJson);
        }
        if (proposalRecall != null) {
            if (proposalRecall.boxCount() == 0) {
                err.println("warning: no ground-truth box to measure proposal recall on; nothing written");
            } else {
                proposalRecall.write(proposalRecallDir);
                out.println("proposal recall written to " + proposalRecallDir);
            }
        }
        out.flush();
        err.flush();
        return 0;
    }

    private void checkOptions() {
        if (maxImages != null && maxImages <= 0) {
            throw new ParameterException(spec.commandLine(), "--max-images must be positive, got " + maxImages);
        }
        if (maxDetections <= 0) {
            throw new ParameterException(spec.commandLine(), "--max-detections must be positive, got " + maxDetections);
        }
        if (!(scoreThreshold >= 0 && scoreThreshold < 1)) {
            throw new ParameterException(spec.commandLine(), "--score-thresh must be in [0, 1), got " + scoreThreshold);
        }
    }

    /** Fails before any detection runs when an image file is missing (a wrong --images folder, typically). */
    private static void requireImageFiles(Dataset all, List<AnnotatedImage> selected) throws NoSuchFileException {
        List<Path> missing = selected.stream()
                .map(all::imagePath)
                .filter(p -> !Files.isRegularFile(p))
                .toList();
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(
                    missing.get(0).toString(),
                    null,
                    missing.size() + " of " + selected.size() + " dataset images are missing (check --images)");
        }
    }
}
