package dev.vigil.model.cli;

import picocli.CommandLine.Option;

/** The scene and run length of the tracking benchmarks ({@link MovingBoxes}): a picocli mixin. */
public final class MovingBoxesOptions {

    @Option(
            names = "--objects",
            defaultValue = "50",
            description = "objects in view at once (default: ${DEFAULT-VALUE})")
    int objects;

    @Option(names = "--frames", defaultValue = "5000", description = "timed frames (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(
            names = "--warmup",
            defaultValue = "2000",
            description = "untimed frames first, for the JIT (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--false-positives",
            defaultValue = "2",
            description = "false detections per frame, at random places (default: ${DEFAULT-VALUE})")
    int falsePositives;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    /**
     * The scene these options describe.
     *
     * @throws IllegalArgumentException naming the options when a value is out of range
     */
    public MovingBoxes scene() {
        if (objects < 0 || frames <= 0 || warmup < 0 || falsePositives < 0) {
            throw new IllegalArgumentException("--objects, --warmup and --false-positives must be >= 0, --frames > 0");
        }
        return new MovingBoxes(objects, falsePositives, seed);
    }

    public int objects() {
        return objects;
    }

    public int frames() {
        return frames;
    }

    public int warmup() {
        return warmup;
    }
}
