package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.backbone.BackboneRegistry;
import dev.vigil.model.backbone.ResNet50FpnSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Times both {@link PoolingPath}s (no test framework): {@code java -cp <test classpath>
 * dev.vigil.model.roi.RoiPoolingBenchmark [rounds] [differentiable rounds]}. Cases: MultiScaleRoiAlign (7×7,
 * sampling ratio 2) over P2–P5 of a 768×576 image (256 channels) with 300 and 1,000 RoIs, and the paper's 7×7
 * RoIPool over conv5_3 of a 600×800 image (stride 16, 512 channels) with 300 RoIs. RoIs: random boxes of 16–400
 * pixels (log-uniform) and aspect 1:2 to 2:1 inside the image. Prints the median milliseconds per call (CPU engine
 * ops are synchronous: the result is complete when the call returns).
 */
public final class RoiPoolingBenchmark {

    private static final List<String> RESNET50_FPN_MAPS =
            BackboneRegistry.get(ResNet50FpnSpec.NAME).roiFeatureMaps();

    private static final int DEFAULT_ROUNDS = 30;
    private static final int DEFAULT_DIFFERENTIABLE_ROUNDS = 5;
    private static final int WARMUP_ROUNDS = 5;
    private static final int FPN_CHANNELS = 256;
    private static final int VGG_CHANNELS = 512;
    private static final float MIN_BOX = 16;
    private static final float MAX_BOX = 400;

    private RoiPoolingBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ROUNDS;
        int differentiableRounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_DIFFERENTIABLE_ROUNDS;
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> pyramid = new LinkedHashMap<>();
            int stride = 4;
            for (String level : RESNET50_FPN_MAPS) {
                pyramid.put(level, manager.randomUniform(0, 1, new Shape(1, FPN_CHANNELS, 576 / stride, 768 / stride)));
                stride *= 2;
            }
            MultiScaleRoiAlign multiScale = MultiScaleRoiAlign.of(RESNET50_FPN_MAPS);
            List<int[]> imageSize = List.<int[]>of(new int[] {576, 768});
            for (int k : new int[] {300, 1000}) {
                List<float[]> boxes = List.of(randomBoxes(new Random(k), k, 768, 576));
                time(
                        String.format(
                                Locale.ROOT, "MultiScaleRoiAlign, %d RoIs x %d ch, P2-P5 of 768x576", k, FPN_CHANNELS),
                        rounds,
                        differentiableRounds,
                        path -> multiScale.apply(pyramid, boxes, imageSize, path));
            }
            NDArray conv5 = manager.randomUniform(0, 1, new Shape(1, VGG_CHANNELS, (600 + 15) / 16, 800 / 16));
            float[] rois = Rois.fromBoxes(List.of(randomBoxes(new Random(3), 300, 800, 600)));
            RoiPool roiPool = RoiPool.paper(1f / 16);
            time(
                    String.format(Locale.ROOT, "RoiPool 7x7, 300 RoIs x %d ch, stride 16 of 600x800", VGG_CHANNELS),
                    rounds,
                    differentiableRounds,
                    path -> roiPool.apply(conv5, rois, path));
        }
    }

    private static void time(
            String name, int rounds, int differentiableRounds, Function<PoolingPath, NDArray> pooling) {
        System.out.println(name);
        for (PoolingPath path : PoolingPath.values()) {
            int n = path == PoolingPath.INFERENCE ? rounds : differentiableRounds;
            System.out.printf(
                    Locale.ROOT,
                    "  %-15s %8.1f ms (median of %d)%n",
                    path,
                    medianMillis(n, () -> pooling.apply(path)),
                    n);
        }
    }

    /** Median wall time of {@code rounds} runs after a warm-up. */
    private static double medianMillis(int rounds, Runnable run) {
        for (int i = 0; i < Math.min(WARMUP_ROUNDS, rounds); i++) {
            inScope(run);
        }
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            inScope(run);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[rounds / 2];
    }

    /** Runs with every array the run creates closed afterwards (the ops create them in the features' manager). */
    private static void inScope(Runnable run) {
        try (NDScope scope = new NDScope()) {
            run.run();
        }
    }

    /** K×4 boxes, log-uniform sizes in [16, 400] pixels, aspect in [1/2, 2], clipped to the image. */
    static float[] randomBoxes(Random random, int k, int width, int height) {
        float[] boxes = new float[4 * k];
        for (int i = 0; i < k; i++) {
            double size = Math.exp(Math.log(MIN_BOX) + random.nextDouble() * Math.log(MAX_BOX / MIN_BOX));
            double aspect = Math.exp((2 * random.nextDouble() - 1) * Math.log(2));
            float w = (float) (size * Math.sqrt(aspect));
            float h = (float) (size / Math.sqrt(aspect));
            float x = random.nextFloat() * (width - w);
            float y = random.nextFloat() * (height - h);
            boxes[4 * i] = Math.max(x, 0);
            boxes[4 * i + 1] = Math.max(y, 0);
            boxes[4 * i + 2] = Math.min(x + w, width);
            boxes[4 * i + 3] = Math.min(y + h, height);
        }
        return boxes;
    }
}
