package dev.vigil.model.cli;

import dev.vigil.model.track.ByteTracker;
import dev.vigil.model.track.DetectedBox;
import dev.vigil.model.track.TrackerSettings;
import dev.vigil.model.track.TrackerState;
import dev.vigil.model.track.TrackerStateCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench tracker}: the tracker's cost per frame on a scene of moving boxes (jittered, sometimes missed,
 * sometimes scoring low, with false positives), and the cost of storing its state each frame as the detect topology
 * does (encode, then decode for the next frame).
 */
@Command(
        name = "tracker",
        mixinStandardHelpOptions = true,
        description = "Benchmark the tracker (ByteTrack) per frame, and its state's encoding.")
public final class BenchTrackerCommand implements Callable<Integer> {

    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final double MISS_RATE = 0.05;
    private static final double LOW_SCORE_RATE = 0.1;
    private static final double JITTER_PX = 2;

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

    /** One moving object of the scene. */
    private static final class Mover {
        double x;
        double y;
        double vx;
        double vy;
        final double width;
        final double height;
        final int classId;

        Mover(SplittableRandom random) {
            classId = random.nextInt(1, 3);
            height = classId == 1 ? random.nextDouble(40, 160) : random.nextDouble(60, 140);
            width = classId == 1 ? height * random.nextDouble(0.3, 0.5) : height * random.nextDouble(1.5, 2.5);
            x = random.nextDouble(0, WIDTH - width);
            y = random.nextDouble(0, HEIGHT - height);
            vx = random.nextDouble(-6, 6);
            vy = random.nextDouble(-2, 2);
        }

        void step() {
            x += vx;
            y += vy;
            if (x < 0 || x + width > WIDTH) {
                vx = -vx;
            }
            if (y < 0 || y + height > HEIGHT) {
                vy = -vy;
            }
        }
    }

    @Override
    public Integer call() {
        if (objects < 0 || frames <= 0 || warmup < 0 || falsePositives < 0) {
            throw new IllegalArgumentException("--objects, --warmup and --false-positives must be >= 0, --frames > 0");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Mover> movers = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
            movers.add(new Mover(random));
        }
        ByteTracker tracker = new ByteTracker(TrackerSettings.byteTrack(30));
        TrackerState state = TrackerState.initial();
        byte[] stored = TrackerStateCodec.encode(state);
        long[] trackNanos = new long[frames];
        long[] storeNanos = new long[frames];
        long stateBytes = 0;
        long detectionsTimed = 0;
        for (int frame = 0; frame < warmup + frames; frame++) {
            List<DetectedBox> detections = detections(movers, random);
            long start = System.nanoTime();
            tracker.update(state, detections);
            long tracked = System.nanoTime();
            stored = TrackerStateCodec.encode(state);
            state = TrackerStateCodec.decode(stored);
            long restored = System.nanoTime();
            if (frame >= warmup) {
                trackNanos[frame - warmup] = tracked - start;
                storeNanos[frame - warmup] = restored - tracked;
                stateBytes += stored.length;
                detectionsTimed += detections.size();
            }
            movers.forEach(Mover::step);
        }
        System.out.printf(
                Locale.ROOT,
                "tracker: %d objects, %d frames timed (%.1f detections/frame), %d tracks kept at the end%n",
                objects,
                frames,
                (double) detectionsTimed / frames,
                state.trackCount());
        System.out.printf(Locale.ROOT, "%-28s %9s %9s %9s %9s%n", "per frame", "mean ms", "p50 ms", "p99 ms", "max ms");
        row("update (association)", trackNanos);
        row("state encode + decode", storeNanos);
        System.out.printf(Locale.ROOT, "state size: %.0f bytes/frame on average%n", (double) stateBytes / frames);
        return 0;
    }

    private List<DetectedBox> detections(List<Mover> movers, SplittableRandom random) {
        List<DetectedBox> detections = new ArrayList<>();
        for (Mover m : movers) {
            if (random.nextDouble() < MISS_RATE) {
                continue;
            }
            float score = (float)
                    (random.nextDouble() < LOW_SCORE_RATE
                            ? random.nextDouble(0.15, 0.5)
                            : random.nextDouble(0.6, 0.99));
            double x1 = m.x + random.nextDouble(-JITTER_PX, JITTER_PX);
            double y1 = m.y + random.nextDouble(-JITTER_PX, JITTER_PX);
            detections.add(new DetectedBox(
                    m.classId, score, (float) x1, (float) y1, (float) (x1 + m.width), (float) (y1 + m.height)));
        }
        for (int i = 0; i < falsePositives; i++) {
            double x = random.nextDouble(0, WIDTH - 50);
            double y = random.nextDouble(0, HEIGHT - 100);
            detections.add(new DetectedBox(
                    1, (float) random.nextDouble(0.2, 0.8), (float) x, (float) y, (float) x + 40, (float) y + 100));
        }
        return detections;
    }

    private static void row(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "%-28s %9.4f %9.4f %9.4f %9.4f%n",
                name,
                mean,
                sorted[sorted.length / 2] / 1e6,
                sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
