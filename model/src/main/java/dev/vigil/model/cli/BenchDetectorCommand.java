package dev.vigil.model.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ClassNames;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.StageTimings;
import dev.vigil.model.detector.StageTimings.Stage;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.transform.TransformConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench detector}: frames per second and per-stage milliseconds of a randomly initialised detector on
 * random images, per batch size. Random weights cost the same time as trained ones, except that the number of
 * boxes reaching NMS depends on the scores.
 */
@Command(
        name = "detector",
        mixinStandardHelpOptions = true,
        description = "Benchmark the detector (random weights, random images).")
public final class BenchDetectorCommand implements Callable<Integer> {

    private static final long RANDOM_SEED = 2015;

    @Option(
            names = "--arch",
            defaultValue = ArchitectureConfig.MOBILENET_V3_LARGE_FPN,
            description =
                    "fasterrcnn_resnet50_fpn, fasterrcnn_mobilenet_v3_large_fpn, vgg16 (the paper's), vigil_compact "
                            + "or vigil_compact_bn (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(
            names = "--batch",
            split = ",",
            defaultValue = "1,4,8",
            description = "batch sizes (default: ${DEFAULT-VALUE})")
    List<Integer> batchSizes;

    @Option(names = "--size", defaultValue = "768x576", description = "frame WIDTHxHEIGHT (default: ${DEFAULT-VALUE})")
    String size;

    @Option(
            names = "--iterations",
            defaultValue = "10",
            description = "timed batches per size (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(
            names = "--warmup",
            defaultValue = "5",
            description = "untimed batches first, for the JIT and the allocator to settle (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--proposals",
            defaultValue = "300",
            description =
                    "RPN proposals kept after NMS at test time (paper: 300; torchvision: 1000) (default: ${DEFAULT-VALUE})")
    int proposals;

    @Option(
            names = "--min-size",
            defaultValue = "0",
            description = "resize the shorter side to this (0 = keep the frame's size) (default: ${DEFAULT-VALUE})")
    int minSize;

    @Option(
            names = "--torch-profile",
            paramLabel = "TRACE.json",
            description = "write PyTorch's profiler trace of the timed batches (Chrome trace format: chrome://tracing "
                    + "or Perfetto) to this file; with several batch sizes, one file each, named ...-batchN.json")
    Path torchProfile;

    @Override
    public Integer call() {
        ImageSize frame = parseSize(size);
        ArchitectureConfig base = ArchitectureConfig.forArch(arch);
        TransformConfig transform = minSize > 0
                ? base.transform().withSizes(minSize, base.transform().maxSize())
                : base.transform()
                        .withSizes(Math.min(frame.height(), frame.width()), Math.max(frame.height(), frame.width()));
        ArchitectureConfig config = base.withTransform(transform)
                .withRpn(base.rpn().withTestTopN(base.rpn().preNmsTopN(false), proposals));
        List<String> classNames = config.numClasses() == ArchitectureConfig.COCO_NUM_CLASSES
                ? ClassNames.coco()
                : Collections.nCopies(config.numClasses(), "class");
        NDManager manager = NDManager.newBaseManager();
        FasterRcnn model = FasterRcnn.initialized(config, manager);
        model.prepareForInference();
        try (Detector detector = new Detector(manager, model, classNames)) {
            System.out.printf(
                    Locale.ROOT,
                    "%s, %s frames resized to shorter side %d, %d proposals, %d timed batches " + "per size%n",
                    arch,
                    frame,
                    transform.minSize(),
                    proposals,
                    iterations);
            System.out.printf(Locale.ROOT, "%6s %9s", "batch", "frames/s");
            for (Stage stage : Stage.values()) {
                System.out.printf(Locale.ROOT, " %13s", stage.name().toLowerCase(Locale.ROOT) + " ms");
            }
            System.out.println();
            SplittableRandom random = new SplittableRandom(RANDOM_SEED);
            for (int batchSize : batchSizes) {
                List<RgbImage> batch = randomImages(random, batchSize, frame);
                for (int i = 0; i < warmup; i++) {
                    detector.detect(batch);
                }
                Map<Stage, Double> totals = new EnumMap<>(Stage.class);
                double totalMillis = 0;
                if (torchProfile != null) {
                    JniUtils.startProfile(false, true, false);
                }
                for (int i = 0; i < iterations; i++) {
                    detector.detect(batch);
                    StageTimings timings = detector.lastTimings();
                    timings.millis().forEach((stage, ms) -> totals.merge(stage, ms, Double::sum));
                    totalMillis += timings.totalMillis();
                }
                if (torchProfile != null) {
                    JniUtils.stopProfile(profileFile(batchSize).toAbsolutePath().toString());
                }
                System.out.printf(Locale.ROOT, "%6d %9.2f", batchSize, 1000.0 * batchSize * iterations / totalMillis);
                for (Stage stage : Stage.values()) {
                    System.out.printf(Locale.ROOT, " %13.1f", totals.getOrDefault(stage, 0.0) / iterations);
                }
                System.out.println();
            }
        }
        return 0;
    }

    private Path profileFile(int batchSize) {
        if (batchSizes.size() == 1) {
            return torchProfile;
        }
        String name = torchProfile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return torchProfile.resolveSibling(stem + "-batch" + batchSize + extension);
    }

    static ImageSize parseSize(String widthByHeight) {
        String[] parts = widthByHeight.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new ImageSize(Integer.parseInt(parts[1].strip()), Integer.parseInt(parts[0].strip()));
            }
        } catch (IllegalArgumentException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(
                "--size must be WIDTHxHEIGHT with positive integers, got '" + widthByHeight + "'");
    }

    private static List<RgbImage> randomImages(SplittableRandom random, int count, ImageSize size) {
        List<RgbImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] chw = new float[RgbImage.CHANNELS * (int) size.pixels()];
            for (int p = 0; p < chw.length; p++) {
                chw[p] = random.nextInt(256) / 255f;
            }
            images.add(new RgbImage("random-" + i, size, chw));
        }
        return images;
    }
}
