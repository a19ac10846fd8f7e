package dev.vigil.stream.detect.motion;

import dev.vigil.stream.config.DurationConverter;
import java.time.Duration;

/**
 * The motion gate's settings: whether it is on, how a frame is reduced, what counts as motion, and how long a camera's
 * last detection may be reused.
 *
 * @param enabled          off: every frame is run (the default)
 * @param width            width of the small grey picture a frame is reduced to (narrower frames keep their width)
 * @param pixelDelta       a pixel changed when its grey level differs by more than this (1..255)
 * @param minArea          a frame moved when a connected region of changed pixels has at least this many pixels of
 *                         the small picture
 * @param maxReusedFrames  at most this many frames in a row reuse one detection; the next is run
 * @param maxReuseAge      a detection is reused only for frames captured less than this after the frame it was made on
 */
public record MotionSettings(
        boolean enabled, int width, int pixelDelta, int minArea, int maxReusedFrames, Duration maxReuseAge) {

    public static final int DEFAULT_WIDTH = 160;
    public static final int DEFAULT_PIXEL_DELTA = 25;
    public static final int DEFAULT_MIN_AREA = 10;
    public static final int DEFAULT_MAX_REUSED_FRAMES = 25;
    public static final String DEFAULT_MAX_REUSE_AGE = "5s";

    public MotionSettings {
        if (width < 8 || width > 1024) {
            throw new IllegalArgumentException("The motion picture's width must be within 8..1024, got " + width);
        }
        if (pixelDelta < 1 || pixelDelta > 255) {
            throw new IllegalArgumentException("The motion threshold must be within 1..255, got " + pixelDelta);
        }
        if (minArea < 1) {
            throw new IllegalArgumentException("The motion area must be at least 1 pixel, got " + minArea);
        }
        if (maxReusedFrames < 1) {
            throw new IllegalArgumentException("Frames reusing a detection must be at least 1, got " + maxReusedFrames);
        }
        if (maxReuseAge == null || maxReuseAge.isNegative() || maxReuseAge.isZero()) {
            throw new IllegalArgumentException("The longest reuse must be positive, got " + maxReuseAge);
        }
    }

    /** The gate off; its thresholds the defaults. */
    public static MotionSettings off() {
        return new MotionSettings(
                false,
                DEFAULT_WIDTH,
                DEFAULT_PIXEL_DELTA,
                DEFAULT_MIN_AREA,
                DEFAULT_MAX_REUSED_FRAMES,
                DurationConverter.parse(DEFAULT_MAX_REUSE_AGE));
    }

    /** These settings, on or off. */
    public MotionSettings withEnabled(boolean on) {
        return new MotionSettings(on, width, pixelDelta, minArea, maxReusedFrames, maxReuseAge);
    }
}
