package dev.vigil.stream.bench;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.image.DecodedImage;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.transform.ImageTransform;
import dev.vigil.model.transform.TransformConfig;
import dev.vigil.schemas.Frame;
import dev.vigil.stream.config.DeviceOption;
import dev.vigil.stream.demo.DemoSettings;
import dev.vigil.stream.detect.FrameBatchDetector;
import dev.vigil.stream.detect.ModelDetectors;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench pipeline}: the bare detector on N frames, the same frames through ingest → Kafka → detect →
 * detections (after {@value PipelineRun#WARMUP_FRAMES} untimed ones), and the bare detector again, in one process and
 * one run; plus micro-batching's gain and ingest's own rate at 720p.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = "Benchmark the streaming pipeline against the bare detector on the same frames.")
public final class PipelineBenchCommand implements Callable<Integer> {

    private static final int WARMUP_BATCHES = 3;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--source",
            defaultValue = DemoSettings.DEFAULT_SOURCE,
            description = "Video file. Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(names = "--frames", defaultValue = "40", description = "Frames per run. Default: ${DEFAULT-VALUE}.")
    int frames;

    @Mixin
    BenchModel model;

    static final int DEFAULT_BATCH_SIZE = 4;

    @Option(
            names = "--batch-size",
            defaultValue = "" + DEFAULT_BATCH_SIZE,
            description = "Micro-batch size B compared with B = 1. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--commit-interval-ms",
            description = "Kafka Streams' commit interval for detect. Default: Kafka Streams' own under exactly-once "
                    + "(100 ms).")
    Long commitIntervalMs;

    @Option(
            names = "--single",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Also run the pipeline at B = 1 (micro-batching's gain); --no-single skips it. Default: "
                    + "${DEFAULT-VALUE}.")
    boolean single;

    @Mixin
    DeviceOption deviceOption;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("vigil-bench-");
        BenchFrames.decode("warmup", source, Math.min(frames, 10));
        BenchFrames.Decoded decoded = BenchFrames.decode("bench", source, frames);
        List<Frame> input = decoded.frames();
        Frame first = input.get(0);
        ModelDetectors detectors = ModelDetectors.open(
                model.folder(work.resolve("model"), first.getWidth(), first.getHeight()), deviceOption.device());
        out().printf(
                        Locale.ROOT,
                        "%d frames of %s (%dx%d), model %s%n",
                        input.size(),
                        source,
                        first.getWidth(),
                        first.getHeight(),
                        detectors.modelName());

        // the machine's speed drifts from minute to minute: the bare detector runs right before and right after the
        // pipeline, and the pipeline is compared with their mean
        double bareBefore = bareFramesPerSecond(detectors, input, batchSize);
        double decodeMillis = decodeMillisPerFrame(input);
        double prepareMillis =
                prepareMillisPerFrame(input, detectors.artifact().config().transform(), batchSize);
        Duration commitInterval = commitIntervalMs == null ? null : Duration.ofMillis(commitIntervalMs);
        PipelineRun.Result batched =
                PipelineRun.run(input, detectors, batchSize, commitInterval, work.resolve("state-b"));
        double bareAfter = bareFramesPerSecond(detectors, input, batchSize);
        double bare = (bareBefore + bareAfter) / 2;
        PipelineRun.Result single =
                this.single ? PipelineRun.run(input, detectors, 1, commitInterval, work.resolve("state-1")) : null;
        BenchFrames.Decoded hd = BenchFrames.decode(
                "hd",
                SyntheticClip.write(work.resolve("720p.mp4"), 1280, 720, 100, 25)
                        .toString(),
                100);

        out().printf(Locale.ROOT, "%-40s %10s%n", "measure", "value");
        row("bare detector frames/s (B=" + batchSize + ")", bare);
        row("  before the pipeline run", bareBefore);
        row("  after the pipeline run", bareAfter);
        row("pipeline frames/s (B=" + batchSize + ")", batched.framesPerSecond());
        row("pipeline / bare", batched.framesPerSecond() / bare);
        row("capture-to-event p50 ms (B=" + batchSize + ")", batched.p50Millis());
        row("capture-to-event p99 ms (B=" + batchSize + ")", batched.p99Millis());
        if (single != null) {
            row("pipeline frames/s (B=1)", single.framesPerSecond());
            row("capture-to-event p50 ms (B=1)", single.p50Millis());
            row("capture-to-event p99 ms (B=1)", single.p99Millis());
            row(
                    "micro-batching gain (B=" + batchSize + " / B=1)",
                    batched.framesPerSecond() / single.framesPerSecond());
        }
        row("ingest decode+JPEG frames/s, 1 core, source", decoded.framesPerSecond());
        row("ingest decode+JPEG frames/s, 1 core, 720p", hd.framesPerSecond());
        out().println();
        printBudget(
                1000.0 / bare,
                decodeMillis,
                prepareMillis,
                1000.0 / decoded.framesPerSecond(),
                batched.budget(),
                single == null ? null : single.budget());
        return 0;
    }

    /** The time budget per frame of the pipeline runs (see {@link PipelineBudget}); {@code single} may be null. */
    private void printBudget(
            double bareMillis,
            double decodeMillis,
            double prepareMillis,
            double ingestMillis,
            PipelineBudget.Budget batched,
            PipelineBudget.Budget single) {
        String b = "B=" + batchSize;
        out().printf(Locale.ROOT, "%-56s %9s %9s%n", "time budget, ms per frame", b, single == null ? "" : "B=1");
        budgetRow("bare detector call (" + b + ")", bareMillis, Double.NaN);
        budgetRow("pipeline, wall (first frame sent to last event)", batched, single, PipelineBudget.Budget::wallMs);
        out().println("detect's stream thread, wall:");
        budgetRow("  detector calls", batched, single, PipelineBudget.Budget::detectorMs);
        budgetRow("    of which JPEG decode (timed apart)", decodeMillis, single == null ? Double.NaN : decodeMillis);
        budgetRow("    of which decode + preparation of the input (apart)", prepareMillis, Double.NaN);
        budgetRow(
                "  transactions (producer flush, offsets, commit)",
                batched,
                single,
                PipelineBudget.Budget::transactionMs);
        budgetRow("  waiting for frames (consumer I/O wait)", batched, single, PipelineBudget.Budget::pollWaitMs);
        budgetRow(
                "  the rest (read, check, buffer, tracking, send, ...)",
                batched,
                single,
                PipelineBudget.Budget::restMs);
        out().println("CPU by thread:");
        for (String group : batched.cpuMs().keySet()) {
            budgetRow("  " + group, batched, single, budget -> budget.cpuMs().getOrDefault(group, 0.0));
        }
        budgetRow("  all threads", batched, single, PipelineBudget.Budget::cpuTotalMs);
        int cores = Runtime.getRuntime().availableProcessors();
        budgetRow("  available (" + cores + " cores x wall)", batched, single, budget -> cores * budget.wallMs());
        budgetRow("ingest's CPU (not in these runs): decode, JPEG encode", ingestMillis, Double.NaN);
    }

    private void budgetRow(
            String name,
            PipelineBudget.Budget batched,
            PipelineBudget.Budget single,
            ToDoubleFunction<PipelineBudget.Budget> millis) {
        budgetRow(
                name,
                millis.applyAsDouble(batched) / batched.frames(),
                single == null ? Double.NaN : millis.applyAsDouble(single) / single.frames());
    }

    private void budgetRow(String name, double batched, double single) {
        out().printf(
                        Locale.ROOT,
                        "%-56s %9.2f %9s%n",
                        name,
                        batched,
                        Double.isNaN(single) ? "" : String.format(Locale.ROOT, "%.2f", single));
    }

    /** Single-thread time to decode a frame's JPEG to its samples, as detect does. */
    private static double decodeMillisPerFrame(List<Frame> frames) {
        ImageDecoder decoder = new ImageDecoder();
        for (int i = 0; i < Math.min(10, frames.size()); i++) {
            decoder.decodeSamples("warmup", imageBytes(frames.get(i)));
        }
        long start = System.nanoTime();
        for (Frame frame : frames) {
            decoder.decodeSamples("bench", imageBytes(frame));
        }
        return (System.nanoTime() - start) / 1e6 / frames.size();
    }

    /**
     * Single-thread time per frame to make the network's input from the JPEGs, as the detector does before the network
     * runs: decode, then normalise, resize and pad into the batch's tensor, {@code batchSize} frames a batch.
     */
    private static double prepareMillisPerFrame(List<Frame> frames, TransformConfig settings, int batchSize) {
        ImageDecoder decoder = new ImageDecoder();
        ImageTransform transform = new ImageTransform(settings);
        try (NDManager manager = NDManager.newBaseManager()) {
            ToDoubleFunction<List<Frame>> prepare = batch -> {
                long start = System.nanoTime();
                for (int i = 0; i < batch.size(); i += batchSize) {
                    List<DecodedImage> images = new ArrayList<>(batchSize);
                    for (Frame frame : batch.subList(i, Math.min(batch.size(), i + batchSize))) {
                        images.add(decoder.decodeSamples("bench", imageBytes(frame)));
                    }
                    try (NDManager scope = manager.newSubManager()) {
                        transform.apply(scope, images);
                    }
                }
                return (System.nanoTime() - start) / 1e6 / batch.size();
            };
            prepare.applyAsDouble(frames.subList(0, Math.min(10, frames.size())));
            return prepare.applyAsDouble(frames);
        }
    }

    private static byte[] imageBytes(Frame frame) {
        ByteBuffer image = frame.getImage().duplicate();
        byte[] bytes = new byte[image.remaining()];
        image.get(bytes);
        return bytes;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private void row(String name, double value) {
        out().printf(Locale.ROOT, "%-40s %10.2f%n", name, value);
    }

    private static double bareFramesPerSecond(ModelDetectors detectors, List<Frame> frames, int batchSize) {
        try (FrameBatchDetector detector = detectors.get()) {
            for (int i = 0; i < WARMUP_BATCHES; i++) {
                detector.detect(frames.subList(0, Math.min(batchSize, frames.size())));
            }
            long start = System.nanoTime();
            for (int i = 0; i < frames.size(); i += batchSize) {
                detector.detect(frames.subList(i, Math.min(frames.size(), i + batchSize)));
            }
            return frames.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
