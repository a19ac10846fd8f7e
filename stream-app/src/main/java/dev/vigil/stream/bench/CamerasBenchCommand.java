package dev.vigil.stream.bench;

import dev.vigil.model.plot.ChartStyle;
import dev.vigil.model.plot.LinePlot;
import dev.vigil.stream.config.DeviceOption;
import dev.vigil.stream.demo.DemoSettings;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.ModelDetectors;
import dev.vigil.stream.detect.motion.MotionOptions;
import dev.vigil.stream.detect.motion.MotionSettings;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench cameras}: how many live cameras this machine serves. For each camera count, one run of that many
 * cameras looping the footage at live pace through ingest → Kafka → detect → a subscriber in this process; the
 * largest count whose p99 capture-to-event latency stays within the target with no frame skipped as stale is the
 * answer. Prints a table and draws latency and CPU against the camera count as one PNG.
 */
@Command(
        name = "cameras",
        mixinStandardHelpOptions = true,
        description = "How many live cameras this machine serves: N cameras at live pace through ingest and detect, "
                + "p50/p99 capture-to-event latency, stale skips and CPU for each N, as a table and a PNG.")
public final class CamerasBenchCommand implements Callable<Integer> {

    /** Spreads the cameras' starting points over the still scene's loop for any number of cameras. */
    private static final double GOLDEN_RATIO_FRACTION = (Math.sqrt(5) - 1) / 2;

    /** Above this CPU share taken by other processes, a run is marked as taken under load. */
    static final double UNDER_LOAD = 0.10;

    @Option(
            names = "--source",
            defaultValue = DemoSettings.DEFAULT_SOURCE,
            description = "Video file every camera loops. Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            defaultValue = ModelDetectors.DEFAULT_MODEL_DIR,
            description = "Model artifact. Default: ${DEFAULT-VALUE}.")
    Path model;

    @Mixin
    DeviceOption deviceOption;

    @Option(
            names = "--cameras",
            split = ",",
            defaultValue = "1,2,3,4,5,6",
            description = "Camera counts to run, each in a run of its own. Default: ${DEFAULT-VALUE}.")
    List<Integer> cameraCounts;

    @Option(
            names = "--fps",
            defaultValue = "5",
            description = "Frames per second of each camera. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(
            names = "--warmup-seconds",
            defaultValue = "15",
            description = "Seconds of each run before the measuring window. Default: ${DEFAULT-VALUE}.")
    int warmupSeconds;

    @Option(
            names = "--seconds",
            defaultValue = "60",
            description = "Measuring window of each run. Default: ${DEFAULT-VALUE}.")
    int seconds;

    @Option(
            names = "--batch-size",
            defaultValue = "4",
            description = "detect's micro-batch size B. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--batch-wait-ms",
            defaultValue = "" + BatchingSettings.DEFAULT_MAX_WAIT_MS,
            description = "detect's longest wait for a batch to fill. Default: ${DEFAULT-VALUE}.")
    long batchWaitMs;

    @Option(
            names = "--stale-after-ms",
            defaultValue = "2000",
            description = "Frames older than this are skipped as stale, as detect does for live cameras "
                    + "(deploy/k8s). Default: ${DEFAULT-VALUE}.")
    long staleAfterMs;

    @Option(
            names = "--target-p99-ms",
            defaultValue = "1000",
            description = "Latency a served camera count must keep its p99 within. Default: ${DEFAULT-VALUE}.")
    long targetP99Ms;

    @Mixin
    MotionOptions motion;

    @Option(
            names = "--compare-motion-gate",
            description = "Run each camera count twice, without and then with the motion gate (its thresholds from "
                    + "the --motion-* options), interleaved, and print both.")
    boolean compareMotionGate;

    @Option(
            names = "--still-scene",
            description = "Instead of the footage itself, every camera loops a still scene made from its first "
                    + "picture, crossed by a small mover in "
                    + "30%% of the frames (written with the project's video writer): what a CCTV camera mostly sees, "
                    + "and what the motion gate saves on. Each camera starts at another point of the loop, so that "
                    + "their movers come at different moments, as independent cameras' do.")
    boolean stillScene;

    @Option(
            names = "--still-scene-frames",
            defaultValue = "150",
            description = "Frames of the still scene's loop. Default: ${DEFAULT-VALUE}.")
    int stillSceneFrames;

    @Option(
            names = "--plot",
            paramLabel = "FILE.png",
            defaultValue = "target/bench-cameras.png",
            description = "Where the PNG goes. Default: ${DEFAULT-VALUE}.")
    Path plot;

    @Spec
    CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(Path.of(source))) {
            spec.commandLine()
                    .getErr()
                    .println("No video at " + source + ": give one with --source (scripts/fetch-sample-data.sh "
                            + "fetches the default)");
            return 2;
        }
        if (cameraCounts.stream().anyMatch(n -> n < 1 || n > 256)) {
            spec.commandLine().getErr().println("--cameras: each count must be 1..256, got " + cameraCounts);
            return 2;
        }
        if (stillSceneFrames < 10 || stillSceneFrames > 10_000) {
            spec.commandLine().getErr().println("--still-scene-frames must be 10..10000, got " + stillSceneFrames);
            return 2;
        }
        MotionSettings gate = motion.settings();
        ModelDetectors detectors = ModelDetectors.open(model, deviceOption.device());
        BatchingSettings batching =
                new BatchingSettings(batchSize, Duration.ofMillis(batchWaitMs), Duration.ofMillis(staleAfterMs));
        Path work = Files.createTempDirectory("vigil-bench-cameras-");
        int mostCameras =
                cameraCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
        List<String> looped = stillScene ? stillScenes(work, mostCameras) : List.of(source);
        List<MotionSettings> modes =
                compareMotionGate ? List.of(gate.withEnabled(false), gate.withEnabled(true)) : List.of(gate);
        out().printf(
                        Locale.ROOT,
                        "%s%s, model %s, %.1f frames/s a camera, B=%d, stale after %d ms, %d s warm-up + %d s measured a run; "
                                + "motion gate %s; %d CPUs, %s%n",
                        source,
                        stillScene ? " (still scene made from its first picture, " + stillSceneFrames + " frames)" : "",
                        detectors.modelName(),
                        fps,
                        batchSize,
                        staleAfterMs,
                        warmupSeconds,
                        seconds,
                        compareMotionGate ? "off and on, interleaved" : gate.enabled() ? "on" : "off",
                        Runtime.getRuntime().availableProcessors(),
                        Instant.now());
        List<CamerasRun.Result> results = new ArrayList<>();
        long started = System.nanoTime();
        int runs = cameraCounts.size() * modes.size();
        for (int i = 0; i < runs; i++) {
            int n = cameraCounts.get(i / modes.size());
            MotionSettings mode = modes.get(i % modes.size());
            CamerasRun.Result r = CamerasRun.run(
                    n,
                    looped,
                    fps,
                    detectors,
                    batching,
                    mode,
                    Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(seconds),
                    work.resolve("state-" + i));
            results.add(r);
            double perRun = (System.nanoTime() - started) / 1e9 / (i + 1);
            spec.commandLine()
                    .getErr()
                    .printf(
                            Locale.ROOT,
                            "[%d/%d] %d cameras, motion gate %s: p99 %d ms, %d stale, %d reused (gate %.2f ms a frame); ETA %.0f s%n",
                            i + 1,
                            runs,
                            n,
                            mode.enabled() ? "on" : "off",
                            r.p99Millis(),
                            r.skippedStale(),
                            r.reused(),
                            r.motionCheckMillis(),
                            perRun * (runs - i - 1));
        }
        for (MotionSettings mode : modes) {
            if (modes.size() > 1) {
                out().printf("motion gate %s:%n", mode.enabled() ? "on" : "off");
            }
            printTable(results.stream()
                    .filter(r -> r.motionGate() == mode.enabled())
                    .toList());
        }
        writePlot(results);
        return 0;
    }

    private void printTable(List<CamerasRun.Result> results) {
        out().printf(
                        Locale.ROOT,
                        "%-8s %10s %8s %8s %6s %8s %8s %8s  %s%n",
                        "cameras",
                        "events/s",
                        "p50 ms",
                        "p99 ms",
                        "stale",
                        "reused",
                        "CPU %",
                        "others %",
                        "");
        int served = 0;
        boolean anyUnderLoad = false;
        for (CamerasRun.Result r : results) {
            boolean ok = serves(r);
            boolean underLoad = r.othersCpu() > UNDER_LOAD;
            anyUnderLoad |= underLoad;
            if (ok) {
                served = Math.max(served, r.cameras());
            }
            out().printf(
                            Locale.ROOT,
                            "%-8d %10.2f %8d %8d %6d %8d %8.0f %8.0f  %s%s%n",
                            r.cameras(),
                            r.eventsPerSecond(),
                            r.p50Millis(),
                            r.p99Millis(),
                            r.skippedStale(),
                            r.reused(),
                            100 * r.processCpu(),
                            100 * r.machineCpu() - 100 * r.processCpu(),
                            ok ? "served" : "not served",
                            underLoad ? " (UNDER LOAD: other processes used the CPUs)" : "");
        }
        out().printf(
                        Locale.ROOT,
                        "cameras served (p99 <= %d ms, none stale): %d%s%n",
                        targetP99Ms,
                        served,
                        anyUnderLoad ? " (UNDER LOAD: measure again on a quiet machine)" : "");
    }

    private boolean serves(CamerasRun.Result r) {
        int expected = (int) Math.floor(r.cameras() * fps * r.windowSeconds() * 0.9);
        return r.skippedStale() == 0 && r.p99Millis() >= 0 && r.p99Millis() <= targetP99Ms && r.events() >= expected;
    }

    private void writePlot(List<CamerasRun.Result> results) throws IOException {
        boolean underLoad = results.stream().anyMatch(r -> r.othersCpu() > UNDER_LOAD);
        String note = underLoad ? " (under load)" : "";
        boolean bothModes = results.stream().anyMatch(CamerasRun.Result::motionGate)
                && results.stream().anyMatch(r -> !r.motionGate());
        LinePlot.Builder latencyPlot =
                LinePlot.builder("Capture-to-event latency, " + fps + " frames/s a camera" + note, "cameras", "ms");
        LinePlot.Builder cpuPlot = LinePlot.builder("CPU and stale frames" + note, "cameras", "%");
        for (boolean gate : new boolean[] {false, true}) {
            List<CamerasRun.Result> mode =
                    results.stream().filter(r -> r.motionGate() == gate).toList();
            if (mode.isEmpty()) {
                continue;
            }
            String suffix = bothModes ? (gate ? ", motion gate on" : ", motion gate off") : "";
            double[] n = mode.stream().mapToDouble(CamerasRun.Result::cameras).toArray();
            latencyPlot
                    .series(
                            "p50" + suffix,
                            n,
                            mode.stream().mapToDouble(r -> r.p50Millis()).toArray())
                    .series(
                            "p99" + suffix,
                            n,
                            mode.stream().mapToDouble(r -> r.p99Millis()).toArray());
            cpuPlot.series(
                            "Vigil: ingest, detect, broker (% of all CPUs)" + suffix,
                            n,
                            mode.stream().mapToDouble(r -> 100 * r.processCpu()).toArray())
                    .series(
                            "other processes (% of all CPUs)" + suffix,
                            n,
                            mode.stream().mapToDouble(r -> 100 * r.othersCpu()).toArray())
                    .series(
                            "frames skipped as stale (% of frames)" + suffix,
                            n,
                            mode.stream()
                                    .mapToDouble(r -> r.events() == 0 ? 0 : 100.0 * r.skippedStale() / r.events())
                                    .toArray());
        }
        double[] counts = results.stream()
                .mapToDouble(CamerasRun.Result::cameras)
                .distinct()
                .sorted()
                .toArray();
        double[] target = new double[counts.length];
        java.util.Arrays.fill(target, targetP99Ms);
        BufferedImage latency =
                latencyPlot.series("target p99", counts, target).build().render();
        BufferedImage cpu = cpuPlot.yRange(0, 100).build().render();
        BufferedImage both = new BufferedImage(
                Math.max(latency.getWidth(), cpu.getWidth()),
                latency.getHeight() + cpu.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(latency, 0, 0, null);
        g.drawImage(cpu, 0, latency.getHeight(), null);
        g.dispose();
        ChartStyle.writePng(both, plot);
        out().println("plot: " + plot);
    }

    /**
     * One still-scene clip per camera, each starting at another point of the loop (spread by the golden ratio, for
     * any number of cameras): independent cameras do not see movers at the same moments.
     */
    private List<String> stillScenes(Path work, int cameras) throws Exception {
        List<String> clips = new ArrayList<>(cameras);
        for (int i = 0; i < cameras; i++) {
            int offset = (int) Math.floor((i * GOLDEN_RATIO_FRACTION) % 1.0 * stillSceneFrames);
            clips.add(SyntheticClip.still(
                            work.resolve("still-scene-" + i + ".mp4"), Path.of(source), stillSceneFrames, fps, offset)
                    .toString());
        }
        return clips;
    }
}
