package dev.vigil.model.cli;

import dev.vigil.model.track.ByteTracker;
import dev.vigil.model.track.DetectedBox;
import dev.vigil.model.track.TrackerSettings;
import dev.vigil.model.track.TrackerState;
import dev.vigil.model.track.TrackerStateCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vigil bench tracker}: the tracker's cost per frame on a scene of moving boxes ({@link MovingBoxes}: jittered,
 * sometimes missed, sometimes scoring low, with false positives), and the cost of storing its state each frame as the detect topology
 * does (encode, then decode for the next frame).
 */
@Command(
        name = "tracker",
        mixinStandardHelpOptions = true,
        description = "Benchmark the tracker (ByteTrack) per frame, and its state's encoding.")
public final class BenchTrackerCommand implements Callable<Integer> {

    @Mixin
    MovingBoxesOptions options;

    @Override
    public Integer call() {
        MovingBoxes scene = options.scene();
        int frames = options.frames();
        int warmup = options.warmup();
        ByteTracker tracker = new ByteTracker(TrackerSettings.byteTrack(30));
        TrackerState state = TrackerState.initial();
        byte[] stored = TrackerStateCodec.encode(state);
        long[] trackNanos = new long[frames];
        long[] storeNanos = new long[frames];
        long stateBytes = 0;
        long detectionsTimed = 0;
        for (int frame = 0; frame < warmup + frames; frame++) {
            List<DetectedBox> detections = scene.nextFrame();
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
        }
        System.out.printf(
                Locale.ROOT,
                "tracker: %d objects, %d frames timed (%.1f detections/frame), %d tracks kept at the end%n",
                options.objects(),
                frames,
                (double) detectionsTimed / frames,
                state.trackCount());
        System.out.printf(Locale.ROOT, "%-28s %9s %9s %9s %9s%n", "per frame", "mean ms", "p50 ms", "p99 ms", "max ms");
        row("update (association)", trackNanos);
        row("state encode + decode", storeNanos);
        System.out.printf(Locale.ROOT, "state size: %.0f bytes/frame on average%n", (double) stateBytes / frames);
        return 0;
    }

    /** One row of the timing table: mean, median, p99 and max of {@code nanos}, in milliseconds. */
    public static void row(String name, long[] nanos) {
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
