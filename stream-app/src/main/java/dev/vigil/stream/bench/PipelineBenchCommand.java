package dev.vigil.stream.bench;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.Frame;
import dev.vigil.stream.demo.DemoSettings;
import dev.vigil.stream.detect.FrameBatchDetector;
import dev.vigil.stream.detect.ModelDetectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench pipeline}: the bare detector on N frames, then the same frames through ingest → Kafka →
 * detect → detections, in one process and one run; plus micro-batching's gain and ingest's own rate at 720p.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = "Benchmark the streaming pipeline against the bare detector on the same frames.")
public final class PipelineBenchCommand implements Callable<Integer> {

    private static final int WARMUP_BATCHES = 3;

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
            names = "--device",
            defaultValue = "auto",
            description = "${COMPLETION-CANDIDATES} (any case). Default: ${DEFAULT-VALUE}.")
    DeviceChoice device;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("vigil-bench-");
        BenchFrames.decode("warmup", source, Math.min(frames, 10));
        BenchFrames.Decoded decoded = BenchFrames.decode("bench", source, frames);
        List<Frame> input = decoded.frames();
        Frame first = input.get(0);
        ModelDetectors detectors =
                ModelDetectors.open(model.folder(work.resolve("model"), first.getWidth(), first.getHeight()), device);
        System.out.printf(
                Locale.ROOT,
                "%d frames of %s (%dx%d), model %s%n",
                input.size(),
                source,
                first.getWidth(),
                first.getHeight(),
                detectors.modelName());

        double bare = bareFramesPerSecond(detectors, input, batchSize);
        PipelineRun.Result batched = PipelineRun.run(input, detectors, batchSize, work.resolve("state-b"));
        PipelineRun.Result single = PipelineRun.run(input, detectors, 1, work.resolve("state-1"));
        BenchFrames.Decoded hd = BenchFrames.decode(
                "hd",
                SyntheticClip.write(work.resolve("720p.mp4"), 1280, 720, 100, 25)
                        .toString(),
                100);

        System.out.printf(Locale.ROOT, "%-40s %10s%n", "measure", "value");
        row("bare detector frames/s (B=" + batchSize + ")", bare);
        row("pipeline frames/s (B=" + batchSize + ")", batched.framesPerSecond());
        row("pipeline / bare", batched.framesPerSecond() / bare);
        row("capture-to-event p50 ms (B=" + batchSize + ")", batched.p50Millis());
        row("capture-to-event p99 ms (B=" + batchSize + ")", batched.p99Millis());
        row("pipeline frames/s (B=1)", single.framesPerSecond());
        row("capture-to-event p50 ms (B=1)", single.p50Millis());
        row("capture-to-event p99 ms (B=1)", single.p99Millis());
        row("micro-batching gain (B=" + batchSize + " / B=1)", batched.framesPerSecond() / single.framesPerSecond());
        row("ingest decode+JPEG frames/s, 1 core, source", decoded.framesPerSecond());
        row("ingest decode+JPEG frames/s, 1 core, 720p", hd.framesPerSecond());
        return 0;
    }

    private static void row(String name, double value) {
        System.out.printf(Locale.ROOT, "%-40s %10.2f%n", name, value);
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
