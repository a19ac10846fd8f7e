package dev.vigil.stream.detect.motion;

import dev.vigil.stream.config.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The motion gate's options of {@code vigil detect}, {@code demo} and {@code bench cameras} (a picocli mixin). */
public final class MotionOptions {

    @Option(
            names = "--motion-gate",
            negatable = true,
            defaultValue = "false",
            fallbackValue = "true",
            arity = "0..1",
            description = "Skip what did not change: a frame in which nothing moved since its camera's last frame the "
                    + "detector ran gets that frame's detections as a REUSED_NO_MOTION event instead of a run of the "
                    + "detector (the tracker still follows it). Default: off.")
    boolean enabled;

    @Option(
            names = "--motion-threshold",
            paramLabel = "DELTA",
            defaultValue = "" + MotionSettings.DEFAULT_PIXEL_DELTA,
            description = "A pixel of the small grey picture changed when its grey level (0-255) differs by more "
                    + "than this. Default: ${DEFAULT-VALUE}.")
    int pixelDelta;

    @Option(
            names = "--motion-min-area",
            paramLabel = "PIXELS",
            defaultValue = "" + MotionSettings.DEFAULT_MIN_AREA,
            description = "Something moved when a connected region of changed pixels has at least this many pixels of "
                    + "the small picture. Default: ${DEFAULT-VALUE}.")
    int minArea;

    @Option(
            names = "--motion-width",
            paramLabel = "PIXELS",
            defaultValue = "" + MotionSettings.DEFAULT_WIDTH,
            description = "Width of the small grey picture frames are compared at. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(
            names = "--motion-max-reused",
            paramLabel = "FRAMES",
            defaultValue = "" + MotionSettings.DEFAULT_MAX_REUSED_FRAMES,
            description = "At most this many frames in a row reuse one detection; the next one is run. Default: "
                    + "${DEFAULT-VALUE}.")
    int maxReused;

    @Option(
            names = "--motion-max-age",
            paramLabel = "DURATION",
            defaultValue = MotionSettings.DEFAULT_MAX_REUSE_AGE,
            converter = DurationConverter.class,
            description = "A detection is reused only for frames captured less than this after its own frame. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration maxAge;

    /**
     * The settings these options give.
     *
     * @throws IllegalArgumentException naming the value when one is out of range
     */
    public MotionSettings settings() {
        return new MotionSettings(enabled, width, pixelDelta, minArea, maxReused, maxAge);
    }
}
