package dev.vigil.model.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ClassNames;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.StageTimings;
import dev.vigil.model.detector.StageTimings.Stage;
import dev.vigil.model.detector.TorchvisionWeights;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.media.VideoReader;
import dev.vigil.model.onnx.DetectionAgreement;
import dev.vigil.model.onnx.EngineComparison;
import dev.vigil.model.onnx.OnnxRuntimeDetector;
import dev.vigil.model.transform.TransformConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench detector}: frames per second and per-stage milliseconds of the detector, per batch size, with
 * random or given (torchvision .pth) weights on random images or a video's frames. Random weights cost the same time
 * as trained ones, except that the number of boxes reaching NMS depends on the scores. With {@code --compare-onnx},
 * the same network exported to ONNX runs in ONNX Runtime interleaved with Vigil's engine on the same frames and
 * threads, and both must find the same objects.
 */
@Command(
        name = "detector",
        mixinStandardHelpOptions = true,
        description = "Benchmark the detector (random or given weights, random images or a video's frames); "
                + "with --compare-onnx, against ONNX Runtime.")
public final class BenchDetectorCommand implements Callable<Integer> {

    private static final long RANDOM_SEED = 2015;
    /** Two roundings of one network: paired boxes overlap at least this much... */
    private static final double MIN_PAIR_IOU = 0.99;
    /** ... and their scores differ by at most this; unpaired detections score under the threshold plus this. */
    private static final double SCORE_TOLERANCE = 0.01;

    @Spec
    CommandSpec spec;

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

    @Mixin
    TimedRoundsOptions rounds;

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

    @Option(
            names = "--weights",
            paramLabel = "FILE.pth",
            description = "a torchvision state_dict of the architecture (as vigil import-torchvision reads) instead of "
                    + "random weights")
    Path weights;

    @Option(
            names = "--video",
            paramLabel = "FILE",
            description = "take the frames from this video (1 s apart) instead of random images; --size is then the "
                    + "video's")
    Path video;

    @Option(
            names = "--frames",
            defaultValue = "10",
            description = "distinct frames taken from --video (default: ${DEFAULT-VALUE})")
    int frameCount;

    @Option(names = "--threads", description = "intra-op threads of the engines (default: libtorch's, one per core)")
    Integer threads;

    @Option(
            names = "--compare-onnx",
            paramLabel = "FILE.onnx",
            description = "time ONNX Runtime on this export of the same network (scripts/export-onnx.py) interleaved "
                    + "with Vigil, batch 1, on the same frames and threads; needs --weights (the export's) and "
                    + "--video; exits 1 when the two disagree")
    Path compareOnnx;

    @Option(
            names = "--packed-kernels",
            description =
                    "run the detector on libtorch's packed kernels (convolutions on oneDNN with their activations "
                            + "fused in, fc6/fc7 on packed weights) instead of DJL's conv2d and linear")
    boolean packedKernels;

    @Option(
            names = "--compare-packed-kernels",
            description = "time the detector with libtorch's packed kernels (see --packed-kernels) against the same "
                    + "weights on DJL's plain conv2d and linear, interleaved frame by frame, batch 1; exits 1 when the "
                    + "two disagree")
    boolean comparePackedKernels;

    @Option(
            names = "--onnx-profile",
            paramLabel = "TRACE.json",
            description =
                    "with --compare-onnx: write ONNX Runtime's profile of every node (Chrome trace format, warm-up "
                            + "runs included) to this file; with --torch-profile too, both engines are profiled on the same "
                            + "frames (scripts/engine-ops.py puts them side by side)")
    Path onnxProfile;

    @Override
    public Integer call() throws IOException {
        validate();
        List<RgbImage> frames = video != null ? videoFrames(video, frameCount) : null;
        ImageSize frame = frames != null ? frames.get(0).size() : parseSize(size);
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
        if (threads != null) {
            JniUtils.setNumThreads(threads); // the engine is loaded now
        }
        FasterRcnn model = model(config, manager);
        model.prepareForInference(packedKernels || comparePackedKernels);
        try (Detector detector = new Detector(manager, model, classNames)) {
            String images = frames != null ? frame + " frames of " + video.getFileName() : frame + " random frames";
            String header = String.format(
                    Locale.ROOT,
                    "%s, %s resized to shorter side %d, %d proposals, %s weights, %d threads",
                    arch,
                    images,
                    transform.minSize(),
                    proposals,
                    weights != null ? weights.getFileName().toString() : "random",
                    JniUtils.getNumThreads());
            if (compareOnnx != null) {
                return compare(detector, classNames, frames, header);
            }
            if (comparePackedKernels) {
                List<RgbImage> compared =
                        frames != null ? frames : randomImages(new SplittableRandom(RANDOM_SEED), 4, frame);
                return comparePackedKernels(detector, config, manager, compared, header);
            }
            System.out.printf(Locale.ROOT, "%s, %d timed batches per size%n", header, rounds.iterations());
            System.out.printf(Locale.ROOT, "%6s %9s %12s", "batch", "frames/s", "cpu ms/frame");
            for (Stage stage : Stage.values()) {
                System.out.printf(Locale.ROOT, " %13s", stage.name().toLowerCase(Locale.ROOT) + " ms");
            }
            System.out.println();
            SplittableRandom random = new SplittableRandom(RANDOM_SEED);
            for (int batchSize : batchSizes) {
                List<RgbImage> batch =
                        frames != null ? cycle(frames, batchSize) : randomImages(random, batchSize, frame);
                for (int i = 0; i < rounds.warmup(); i++) {
                    detector.detect(batch);
                }
                Map<Stage, Double> totals = new EnumMap<>(Stage.class);
                double totalMillis = 0;
                if (torchProfile != null) {
                    JniUtils.startProfile(false, true, false);
                }
                long cpuStart = processCpuNanos();
                for (int i = 0; i < rounds.iterations(); i++) {
                    detector.detect(batch);
                    StageTimings timings = detector.lastTimings();
                    timings.millis().forEach((stage, ms) -> totals.merge(stage, ms, Double::sum));
                    totalMillis += timings.totalMillis();
                }
                double cpuMillisPerFrame = (processCpuNanos() - cpuStart) / 1e6 / batchSize / rounds.iterations();
                if (torchProfile != null) {
                    JniUtils.stopProfile(profileFile(batchSize).toAbsolutePath().toString());
                }
                System.out.printf(
                        Locale.ROOT,
                        "%6d %9.2f %12.1f",
                        batchSize,
                        1000.0 * batchSize * rounds.iterations() / totalMillis,
                        cpuMillisPerFrame);
                for (Stage stage : Stage.values()) {
                    System.out.printf(Locale.ROOT, " %13.1f", totals.getOrDefault(stage, 0.0) / rounds.iterations());
                }
                System.out.println();
            }
        }
        return 0;
    }

    /** The given weights, or random ones drawn from the same seed every time (so that two models are the same). */
    private FasterRcnn model(ArchitectureConfig config, NDManager manager) throws IOException {
        if (weights != null) {
            return FasterRcnn.withWeights(config, TorchvisionWeights.read(weights), manager);
        }
        Engine.getInstance().setRandomSeed((int) RANDOM_SEED);
        return FasterRcnn.initialized(config, manager);
    }

    /**
     * CPU time of the whole process, all threads: on a machine shared with other work, the work a frame took, where
     * wall time also holds the waits for the cores (it includes the engine threads' spinning, though).
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void validate() {
        if (threads != null && threads <= 0) {
            throw new ParameterException(spec.commandLine(), "--threads must be positive, got " + threads);
        }
        if (frameCount <= 0) {
            throw new ParameterException(spec.commandLine(), "--frames must be positive, got " + frameCount);
        }
        rounds.validate(spec);
        if (onnxProfile != null && compareOnnx == null) {
            throw new ParameterException(spec.commandLine(), "--onnx-profile needs --compare-onnx");
        }
        if (compareOnnx != null && (weights == null || video == null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--compare-onnx needs --weights (the .pth exported with the ONNX file, so that both engines run "
                            + "the same weights) and --video (real frames): see scripts/export-onnx.py");
        }
    }

    /** Vigil and ONNX Runtime interleaved, batch 1; 0 when they agree on every frame, else 1. */
    private int compare(Detector detector, List<String> classNames, List<RgbImage> frames, String header)
            throws IOException {
        requireOnnxRuntime();
        int engineThreads = JniUtils.getNumThreads();
        try (OnnxRuntimeDetector onnx = OnnxRuntimeDetector.open(compareOnnx, engineThreads, classNames, onnxProfile)) {
            System.out.printf(
                    Locale.ROOT,
                    "%s; against ONNX Runtime %s on %s, batch 1, %d timed frames each, interleaved%n",
                    header,
                    OnnxRuntimeDetector.runtimeVersion(),
                    compareOnnx.getFileName(),
                    rounds.iterations());
            Runnable atTimedStart = torchProfile != null ? () -> JniUtils.startProfile(false, true, false) : () -> {};
            EngineComparison.Result result = EngineComparison.run(
                    EngineComparison.FrameDetector.of(detector),
                    onnx,
                    frames,
                    rounds.warmup(),
                    rounds.iterations(),
                    atTimedStart);
            if (torchProfile != null) {
                JniUtils.stopProfile(torchProfile.toAbsolutePath().toString());
                System.out.println("libtorch's profile of vigil's timed frames: " + torchProfile);
            }
            if (onnxProfile != null) {
                System.out.printf(
                        Locale.ROOT,
                        "ONNX Runtime's profile (the last %d runs are the timed frames): %s%n",
                        rounds.iterations(),
                        onnx.endProfiling());
            }
            System.out.printf(Locale.ROOT, "%-14s %9s %9s %9s%n", "engine", "frames/s", "mean ms", "median ms");
            printEngine("vigil", result.firstMillis());
            printEngine("onnxruntime", result.secondMillis());
            printStages("vigil's", result.firstStageMillis());
            System.out.printf(
                    Locale.ROOT,
                    "vigil / onnxruntime: %.2f%n",
                    result.firstFramesPerSecond() / result.secondFramesPerSecond());
            return printAgreement(
                    result.agreements(), detector.config().boxHead().scoreThreshold());
        }
    }

    /**
     * The detector with libtorch's packed kernels against the same weights without them, interleaved, batch 1; 0 when
     * they agree on every frame, else 1.
     */
    private int comparePackedKernels(
            Detector packed, ArchitectureConfig config, NDManager manager, List<RgbImage> frames, String header)
            throws IOException {
        FasterRcnn plainModel = model(config, manager);
        plainModel.prepareForInference(false);
        try (Detector plain = new Detector(manager, plainModel, packed.classNames())) {
            System.out.printf(
                    Locale.ROOT,
                    "%s; with libtorch's packed kernels (fused oneDNN convolutions, packed fc6/fc7) and without, batch 1, "
                            + "%d timed frames each, interleaved%n",
                    header,
                    rounds.iterations());
            EngineComparison.Result result = EngineComparison.run(
                    EngineComparison.FrameDetector.of(packed),
                    EngineComparison.FrameDetector.of(plain),
                    frames,
                    rounds.warmup(),
                    rounds.iterations(),
                    () -> {});
            System.out.printf(Locale.ROOT, "%-14s %9s %9s %9s%n", "kernels", "frames/s", "mean ms", "median ms");
            printEngine("packed", result.firstMillis());
            printEngine("plain", result.secondMillis());
            printStages("packed", result.firstStageMillis());
            printStages("plain", result.secondStageMillis());
            System.out.printf(
                    Locale.ROOT,
                    "packed / plain: %.2f%n",
                    result.firstFramesPerSecond() / result.secondFramesPerSecond());
            return printAgreement(result.agreements(), config.boxHead().scoreThreshold());
        }
    }

    private static void printStages(String who, Map<Stage, Double> millis) {
        StringBuilder stages = new StringBuilder(who + " stages, mean ms a frame:");
        millis.forEach((stage, ms) -> stages.append(
                String.format(Locale.ROOT, " %s %.1f", stage.name().toLowerCase(Locale.ROOT), ms)));
        System.out.println(stages);
    }

    private static void requireOnnxRuntime() {
        try {
            Class.forName("ai.onnxruntime.OrtEnvironment", false, BenchDetectorCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("ONNX Runtime is not on the class path (the container images leave its "
                    + "139 MB jar out): run --compare-onnx from a checkout, with ./vigil");
        }
    }

    private static void printEngine(String name, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(millis).average().orElseThrow();
        System.out.printf(
                Locale.ROOT, "%-14s %9.2f %9.1f %9.1f%n", name, 1000.0 / mean, mean, sorted[sorted.length / 2]);
    }

    private static int printAgreement(List<DetectionAgreement> agreements, float scoreThreshold) {
        double borderline = scoreThreshold + SCORE_TOLERANCE;
        int agreeing = 0;
        int pairs = 0;
        int unpaired = 0;
        double minIou = 1;
        double maxScoreDifference = 0;
        DetectionAgreement firstDisagreement = null;
        for (DetectionAgreement a : agreements) {
            pairs += a.pairs();
            unpaired += a.onlyFirst().size() + a.onlySecond().size();
            minIou = Math.min(minIou, a.minPairIou());
            maxScoreDifference = Math.max(maxScoreDifference, a.maxScoreDifference());
            if (a.agrees(MIN_PAIR_IOU, SCORE_TOLERANCE, borderline)) {
                agreeing++;
            } else if (firstDisagreement == null) {
                firstDisagreement = a;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "same detections: %d of %d frames (%d pairs, min IoU %.4f, max score difference %.5f; %d unpaired, "
                        + "all scoring under %.2f: %s)%n",
                agreeing,
                agreements.size(),
                pairs,
                minIou,
                maxScoreDifference,
                unpaired,
                borderline,
                firstDisagreement == null ? "yes" : "no");
        if (firstDisagreement != null) {
            System.out.println("first disagreement: only vigil " + firstDisagreement.onlyFirst() + "; only onnxruntime "
                    + firstDisagreement.onlySecond());
            return 1;
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

    private static List<RgbImage> cycle(List<RgbImage> frames, int count) {
        List<RgbImage> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(frames.get(i % frames.size()));
        }
        return batch;
    }

    /** {@code count} frames of the video, one second apart from its first. */
    static List<RgbImage> videoFrames(Path file, int count) throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        List<RgbImage> frames = new ArrayList<>(count);
        try (VideoReader reader = VideoReader.open(file)) {
            int step = Math.max(1, (int) Math.round(reader.declaredFps()));
            for (VideoReader.DecodedFrame decoded = reader.next();
                    decoded != null && frames.size() < count;
                    decoded = reader.next()) {
                if (decoded.number() % step == 0) {
                    frames.add(decoder.fromBgr(file.getFileName() + "#" + decoded.number(), decoded.bgr()));
                }
            }
        }
        if (frames.isEmpty()) {
            throw new IOException("video " + file + " has no frames");
        }
        return frames;
    }
}
