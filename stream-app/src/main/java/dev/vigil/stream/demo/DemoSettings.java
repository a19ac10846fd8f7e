package dev.vigil.stream.demo;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.detect.motion.MotionSettings;
import java.nio.file.Path;

/**
 * What the demo runs.
 *
 * @param source         camera URI or video file, replayed as a live camera
 * @param model          model artifact directory
 * @param maxFrames      stop after this many frames (0 = the whole source)
 * @param out            output folder for annotated frames and video
 * @param fps            frames per second taken from the camera
 * @param batchSize      frames per detector call
 * @param staleAfterMs   skip frames older than this (0 = never)
 * @param scoreThreshold detections at or above this are drawn and counted
 * @param device         where the detector runs
 * @param webPort        port of the web server (live view, metrics, health); 0 = any free port, {@code null} =
 *                       {@link #DEFAULT_WEB_PORT}, or any free port when that one is taken
 * @param webHost        address the web server listens on
 * @param scene          zones, lines and masks: tracked, counted and drawn in the live view (none when empty)
 * @param motion         detect's motion gate (off by default)
 */
public record DemoSettings(
        String source,
        Path model,
        long maxFrames,
        Path out,
        double fps,
        int batchSize,
        long staleAfterMs,
        float scoreThreshold,
        DeviceChoice device,
        Integer webPort,
        String webHost,
        SceneConfig scene,
        MotionSettings motion) {

    /** These settings with the motion gate off. */
    public DemoSettings(
            String source,
            Path model,
            long maxFrames,
            Path out,
            double fps,
            int batchSize,
            long staleAfterMs,
            float scoreThreshold,
            DeviceChoice device,
            Integer webPort,
            String webHost,
            SceneConfig scene) {
        this(
                source,
                model,
                maxFrames,
                out,
                fps,
                batchSize,
                staleAfterMs,
                scoreThreshold,
                device,
                webPort,
                webHost,
                scene,
                MotionSettings.off());
    }

    public static final int DEFAULT_WEB_PORT = 8080;

    public static final String DEFAULT_SOURCE = "data/samples/vtest.avi";
    public static final int DEFAULT_FPS = 5;
    public static final long DEFAULT_STALE_AFTER_MS = 3000;
    public static final String DEFAULT_SCORE_THRESHOLD = "0.5";
}
