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
 * Vigil's engine and ONNX Runtime on the same frames, interleaved: each iteration runs one frame through both, the
 * order alternating, so that the machine's changing speed (other processes, clock, caches) falls on both alike.
 * One engine is never timed while the other runs: each call is timed alone, one after the other.
 */
public final class EngineComparison {

    /**
     * The timed iterations.
     *
     * @param vigilMillis wall time of each of Vigil's frames
     * @param onnxMillis wall time of each of ONNX Runtime's frames
     * @param agreements per timed frame, Vigil's detections (first) against ONNX Runtime's (second)
     * @param vigilStageMillis mean milliseconds per timed frame of each of Vigil's stages
     */
    public record Result(
            double[] vigilMillis,
            double[] onnxMillis,
            List<DetectionAgreement> agreements,
            Map<Stage, Double> vigilStageMillis) {

        public double vigilFramesPerSecond() {
            return framesPerSecond(vigilMillis);
        }

        public double onnxFramesPerSecond() {
            return framesPerSecond(onnxMillis);
        }

        private static double framesPerSecond(double[] millis) {
            return 1000.0 * millis.length / Arrays.stream(millis).sum();
        }
    }

    private EngineComparison() {}

    /**
     * Runs {@code warmup} untimed iterations, then {@code iterations} timed ones, cycling through {@code frames}.
     */
    public static Result run(
            Detector vigil, OnnxRuntimeDetector onnx, List<RgbImage> frames, int warmup, int iterations)
            throws IOException {
        return run(vigil, onnx, frames, warmup, iterations, () -> {});
    }

    /** As above, calling {@code atTimedStart} after the warm-up (to start a profiler, say). */
    public static Result run(
            Detector vigil,
            OnnxRuntimeDetector onnx,
            List<RgbImage> frames,
            int warmup,
            int iterations,
            Runnable atTimedStart)
            throws IOException {
        if (frames.isEmpty() || warmup < 0 || iterations <= 0) {
            throw new IllegalArgumentException("need frames, warmup >= 0 and iterations > 0, got " + frames.size()
                    + " frames, " + warmup + ", " + iterations);
        }
        double[] vigilMillis = new double[iterations];
        double[] onnxMillis = new double[iterations];
        List<DetectionAgreement> agreements = new ArrayList<>(iterations);
        Map<Stage, Double> stageMillis = new EnumMap<>(Stage.class);
        for (int i = 0; i < warmup + iterations; i++) {
            if (i == warmup) {
                atTimedStart.run();
            }
            RgbImage frame = frames.get(i % frames.size());
            boolean vigilFirst = i % 2 == 0;
            long start = System.nanoTime();
            List<DetectedObject> first =
                    vigilFirst ? vigil.detect(List.of(frame)).get(0) : onnx.detect(frame);
            long middle = System.nanoTime();
            List<DetectedObject> second = vigilFirst
                    ? onnx.detect(frame)
                    : vigil.detect(List.of(frame)).get(0);
            long end = System.nanoTime();
            if (i >= warmup) {
                vigil.lastTimings()
                        .millis()
                        .forEach((stage, ms) -> stageMillis.merge(stage, ms / iterations, Double::sum));
                int t = i - warmup;
                vigilMillis[t] = ((vigilFirst ? middle - start : end - middle)) / 1e6;
                onnxMillis[t] = ((vigilFirst ? end - middle : middle - start)) / 1e6;
                agreements.add(
                        vigilFirst
                                ? DetectionAgreement.compare(first, second)
                                : DetectionAgreement.compare(second, first));
            }
        }
        return new Result(vigilMillis, onnxMillis, agreements, stageMillis);
    }
}
