package dev.vigil.model.roi;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.StageTimings.Stage;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-stage milliseconds of a randomly initialised detector on one random frame, as {@code vigil bench detector}, but
 * with the RPN's test-time proposals and the image's shorter side configurable (no test framework):
 * {@code java -cp <test classpath> dev.vigil.model.roi.DetectorStageBenchmark [arch] [WxH] [proposals] [minSize]
 * [iterations] [fresh-thread]}. Prints the median of each stage and frames/s from the median total. With
 * {@code fresh-thread} = true the detector runs on a thread other than the one that started the engine.
 */
public final class DetectorStageBenchmark {

    private static final long RANDOM_SEED = 2015;

    private DetectorStageBenchmark() {}

    public static void main(String[] args) throws InterruptedException {
        String arch = args.length > 0 ? args[0] : ArchitectureConfig.MOBILENET_V3_LARGE_FPN;
        String[] size = (args.length > 1 ? args[1] : "768x576").split("x");
        int proposals = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int iterations = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        boolean freshThread = args.length > 5 && Boolean.parseBoolean(args[5]);
        ImageSize frame = new ImageSize(Integer.parseInt(size[1]), Integer.parseInt(size[0]));
        int minSize = args.length > 3 ? Integer.parseInt(args[3]) : Math.min(frame.height(), frame.width());
        ArchitectureConfig defaults = ArchitectureConfig.forArch(arch);
        ArchitectureConfig config = defaults.withTransform(defaults.transform()
                        .withSizes(minSize, defaults.transform().maxSize()))
                .withRpn(defaults.rpn().withTestTopN(defaults.rpn().preNmsTopNTest(), proposals));
        NDManager manager = NDManager.newBaseManager();
        try (Detector detector = new Detector(
                manager, FasterRcnn.initialized(config, manager), Collections.nCopies(config.numClasses(), "class"))) {
            List<RgbImage> batch = List.of(randomImage(new SplittableRandom(RANDOM_SEED), frame));
            Runnable run = () -> report(detector, batch, iterations, arch, frame, minSize, proposals);
            if (freshThread) {
                Thread thread = new Thread(run, "detect");
                thread.start();
                thread.join();
            } else {
                run.run();
            }
        }
    }

    private static void report(
            Detector detector,
            List<RgbImage> batch,
            int iterations,
            String arch,
            ImageSize frame,
            int minSize,
            int proposals) {
        detector.detect(batch);
        Map<Stage, double[]> millis = new EnumMap<>(Stage.class);
        double[] totals = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            detector.detect(batch);
            int iteration = i;
            detector.lastTimings()
                    .millis()
                    .forEach((stage, ms) -> millis.computeIfAbsent(stage, s -> new double[iterations])[iteration] = ms);
            totals[i] = detector.lastTimings().totalMillis();
        }
        double total = median(totals);
        System.out.printf(
                Locale.ROOT,
                "%s, %dx%d frame, shorter side %d, %d proposals, thread %s, median of %d:%n",
                arch,
                frame.width(),
                frame.height(),
                minSize,
                proposals,
                Thread.currentThread().getName(),
                iterations);
        System.out.printf(Locale.ROOT, "  %-13s %8.1f ms  %.2f frames/s%n", "total", total, 1000 / total);
        millis.forEach((stage, ms) -> System.out.printf(
                Locale.ROOT,
                "  %-13s %8.1f ms  %5.1f %%%n",
                stage.name().toLowerCase(Locale.ROOT),
                median(ms),
                100 * median(ms) / total));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static RgbImage randomImage(SplittableRandom random, ImageSize size) {
        float[] chw = new float[RgbImage.CHANNELS * (int) size.pixels()];
        for (int p = 0; p < chw.length; p++) {
            chw[p] = random.nextInt(256) / 255f;
        }
        return new RgbImage("random", size, chw);
    }
}
