package dev.vigil.model.onnx;

import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.StageTimings.Stage;
import dev.vigil.model.image.RgbImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Two detectors on the same frames, interleaved (Vigil's engine and ONNX Runtime, or Vigil with and without a change):
 * each iteration runs one frame through both, the order alternating, so that the machine's changing speed (other
 * processes, clock, caches) falls on both alike. One is never timed while the other runs: each call is timed alone,
 * one after the other.
 */
public final class EngineComparison {

    /** One frame at a time, batch 1. */
    public interface FrameDetector {
        List<DetectedObject> detect(RgbImage frame) throws IOException;

        /** The milliseconds of each stage of the last call; empty when the detector does not time its stages. */
        default Map<Stage, Double> lastStageMillis() {
            return Map.of();
        }

        /** Vigil's detector, with its stage timings. */
        static FrameDetector of(Detector detector) {
            return new FrameDetector() {
                @Override
                public List<DetectedObject> detect(RgbImage frame) {
                    return detector.detect(List.of(frame)).get(0);
                }

                @Override
                public Map<Stage, Double> lastStageMillis() {
                    return detector.lastTimings().millis();
                }
            };
        }
    }

    /**
     * The timed iterations.
     *
     * @param firstMillis wall time of each of the first detector's frames
     * @param secondMillis wall time of each of the second detector's frames
     * @param agreements per timed frame, the first detector's detections against the second's
     * @param firstStageMillis mean milliseconds per timed frame of each of the first detector's stages
     * @param secondStageMillis the same of the second detector
     */
    public record Result(
            double[] firstMillis,
            double[] secondMillis,
            List<DetectionAgreement> agreements,
            Map<Stage, Double> firstStageMillis,
            Map<Stage, Double> secondStageMillis) {

        public double firstFramesPerSecond() {
            return framesPerSecond(firstMillis);
        }

        public double secondFramesPerSecond() {
            return framesPerSecond(secondMillis);
        }

        private static double framesPerSecond(double[] millis) {
            return 1000.0 * millis.length / Arrays.stream(millis).sum();
        }
    }

    private EngineComparison() {}

    /**
     * Runs {@code warmup} untimed iterations, then {@code iterations} timed ones, cycling through {@code frames};
     * calls {@code atTimedStart} after the warm-up (to start a profiler, say).
     */
    public static Result run(
            FrameDetector first,
            FrameDetector second,
            List<RgbImage> frames,
            int warmup,
            int iterations,
            Runnable atTimedStart)
            throws IOException {
        if (frames.isEmpty() || warmup < 0 || iterations <= 0) {
            throw new IllegalArgumentException("need frames, warmup >= 0 and iterations > 0, got " + frames.size()
                    + " frames, " + warmup + ", " + iterations);
        }
        double[] firstMillis = new double[iterations];
        double[] secondMillis = new double[iterations];
        List<DetectionAgreement> agreements = new ArrayList<>(iterations);
        Map<Stage, Double> firstStages = new EnumMap<>(Stage.class);
        Map<Stage, Double> secondStages = new EnumMap<>(Stage.class);
        for (int i = 0; i < warmup + iterations; i++) {
            if (i == warmup) {
                atTimedStart.run();
            }
            RgbImage frame = frames.get(i % frames.size());
            FrameDetector a = i % 2 == 0 ? first : second;
            FrameDetector b = a == first ? second : first;
            long start = System.nanoTime();
            List<DetectedObject> fromA = a.detect(frame);
            Map<Stage, Double> stagesA = a.lastStageMillis();
            long middle = System.nanoTime();
            List<DetectedObject> fromB = b.detect(frame);
            Map<Stage, Double> stagesB = b.lastStageMillis();
            long end = System.nanoTime();
            if (i >= warmup) {
                int t = i - warmup;
                boolean firstWasA = a == first;
                firstMillis[t] = (firstWasA ? middle - start : end - middle) / 1e6;
                secondMillis[t] = (firstWasA ? end - middle : middle - start) / 1e6;
                add(firstStages, firstWasA ? stagesA : stagesB, iterations);
                add(secondStages, firstWasA ? stagesB : stagesA, iterations);
                agreements.add(
                        firstWasA
                                ? DetectionAgreement.compare(fromA, fromB)
                                : DetectionAgreement.compare(fromB, fromA));
            }
        }
        return new Result(firstMillis, secondMillis, agreements, firstStages, secondStages);
    }

    private static void add(Map<Stage, Double> means, Map<Stage, Double> frame, int iterations) {
        frame.forEach((stage, ms) -> means.merge(stage, ms / iterations, Double::sum));
    }
}
