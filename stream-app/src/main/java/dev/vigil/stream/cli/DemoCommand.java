package dev.vigil.stream.cli;

import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.config.DeviceOption;
import dev.vigil.stream.demo.Demo;
import dev.vigil.stream.demo.DemoSettings;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.ModelDetectors;
import dev.vigil.stream.detect.motion.MotionOptions;
import dev.vigil.stream.web.WebOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vigil demo}: the whole pipeline on one machine, on real footage. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Starts an embedded Kafka broker and schema registry, replays footage as a live camera through "
                        + "ingest and detect, serves the live view in the browser (its address is printed), prints one status line per "
                        + "second and writes annotated frames (PNG) and a short annotated video. Stops at the end of the footage or on Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--source",
            paramLabel = "URI",
            defaultValue = DemoSettings.DEFAULT_SOURCE,
            description = "Camera URI or video file. Default: ${DEFAULT-VALUE} (scripts/fetch-sample-data.sh).")
    String source;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            defaultValue = ModelDetectors.DEFAULT_MODEL_DIR,
            description = "Model artifact directory. Default: ${DEFAULT-VALUE}.")
    Path model;

    @Option(names = "--max-frames", defaultValue = "0", description = "Stop after this many frames (0 = all).")
    long maxFrames;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "out/demo",
            description = "Where annotated frames and the video go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(
            names = "--fps",
            defaultValue = "" + DemoSettings.DEFAULT_FPS,
            description = "Frames per second taken from the camera. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(
            names = "--batch-size",
            defaultValue = "" + BatchingSettings.DEFAULT_MAX_BATCH_SIZE,
            description = "Frames per detector call. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--stale-after-ms",
            defaultValue = "" + DemoSettings.DEFAULT_STALE_AFTER_MS,
            description =
                    "Frames older than this when their turn comes are skipped (0 = never). Default: ${DEFAULT-VALUE}.")
    long staleAfterMs;

    @Option(
            names = "--score-thresh",
            defaultValue = DemoSettings.DEFAULT_SCORE_THRESHOLD,
            description = "Detections drawn and counted in the status line. Default: ${DEFAULT-VALUE}.")
    float scoreThreshold;

    @Mixin
    DeviceOption deviceOption;

    @Option(
            names = {"--scene", "--zones"},
            paramLabel = "FILE",
            description = "Zones, lines and masks per camera (YAML, see the README): tracked, counted and drawn in "
                    + "the live view.")
    Path zones;

    @Option(
            names = "--web-port",
            paramLabel = "PORT",
            description = "Serve the live view (/), /metrics, /health/live and /health/ready on http://HOST:PORT; "
                    + "0 = any free port. Default: " + DemoSettings.DEFAULT_WEB_PORT + ", or any free port when it "
                    + "is taken.")
    Integer webPort;

    @Option(
            names = "--web-host",
            paramLabel = "HOST",
            defaultValue = WebOptions.DEFAULT_HOST,
            description = "Address the web server listens on; 0.0.0.0 opens it to the network (containers). "
                    + "Default: ${DEFAULT-VALUE}.")
    String webHost;

    @Mixin
    MotionOptions motionOptions;

    @Override
    public Integer call() throws Exception {
        Demo demo = new Demo(
                new DemoSettings(
                        source,
                        model,
                        maxFrames,
                        out,
                        fps,
                        batchSize,
                        staleAfterMs,
                        scoreThreshold,
                        deviceOption.device(),
                        webPort,
                        webHost,
                        zones == null ? null : SceneConfig.read(zones),
                        motionOptions.settings()),
                System.out);
        try (GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-demo", demo::stop)) {
            return demo.run();
        }
    }
}
