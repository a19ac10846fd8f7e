package dev.vigil.model.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.JniUtils;
import dev.vigil.model.engine.InferenceKernels;
import dev.vigil.model.onnx.OnnxRuntimeLinear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigil bench gemm}: how fast a fully connected layer, y = x·Wᵀ + b, runs in libtorch (through DJL, as the
 * detector's box head calls it) and in ONNX Runtime (a {@code Gemm} node with its weight pre-packed, as in the
 * exported detector), at given thread counts; in libtorch also on a weight packed once for MKL or for oneDNN
 * ({@link InferenceKernels}). By default the box head's fc6 (300 RoIs × 12,544 × 1,024), its fc7, and
 * a square GEMM of fc6's arithmetic: the square one is what the machine gives a GEMM; fc6 against it says how much of
 * that its shape keeps. Every case runs once per round, untimed then timed, the rounds interleaving the cases, so that
 * the machine's changing speed falls on all alike.
 */
@Command(
        name = "gemm",
        mixinStandardHelpOptions = true,
        description = "GFLOP/s of fully connected layers (fc6's shape and a square GEMM of equal arithmetic) in "
                + "libtorch and ONNX Runtime, per thread count.")
public final class BenchGemmCommand implements Callable<Integer> {

    private static final long RANDOM_SEED = 2015;
    /** fc6 of torchvision's MobileNetV3-FPN box head: 300 proposals, 256×7×7 pooled features, 1,024 wide. */
    static final GemmShape FC6 = new GemmShape(300, 12_544, 1_024);

    private static final List<String> ENGINES =
            List.of("libtorch", "libtorch-mkl-packed", "libtorch-onednn-packed", "onnxruntime");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--shapes",
            split = ",",
            paramLabel = "MxKxN",
            description = "rows x inputs x outputs of each layer (default: fc6 300x12544x1024, fc7 300x1024x1024 and "
                    + "the square of fc6's arithmetic, 1568x1568x1568)")
    List<String> shapes;

    @Option(
            names = "--threads",
            split = ",",
            defaultValue = "1,2",
            description = "intra-op thread counts (default: ${DEFAULT-VALUE})")
    List<Integer> threadCounts;

    @Option(
            names = "--engines",
            split = ",",
            defaultValue = "libtorch,libtorch-mkl-packed,libtorch-onednn-packed,onnxruntime",
            description = "libtorch (torch's linear, as DJL calls it), libtorch-mkl-packed (MKL's GEMM on a weight "
                    + "packed once), libtorch-onednn-packed (oneDNN's inner product on a weight packed once), "
                    + "onnxruntime (default: ${DEFAULT-VALUE})")
    List<String> engines;

    @Mixin
    TimedRoundsOptions rounds;

    /** M rows (RoIs) × K inputs × N outputs. */
    record GemmShape(int rows, int inputs, int outputs) {

        GemmShape {
            if (rows <= 0
                    || inputs <= 0
                    || outputs <= 0
                    || (long) inputs * outputs > Integer.MAX_VALUE / 2
                    || (long) rows * inputs > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException(
                        "GEMM sizes must be positive and each matrix under 2^30 values, got " + this);
            }
        }

        static GemmShape parse(String text) {
            String[] parts = text.strip().toLowerCase(Locale.ROOT).split("x");
            try {
                if (parts.length == 3) {
                    return new GemmShape(
                            Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                }
            } catch (NumberFormatException e) {
                // fall through
            }
            throw new IllegalArgumentException("a shape is MxKxN (rows x inputs x outputs), got '" + text + "'");
        }

        /** The square GEMM with the same arithmetic, its side rounded to a multiple of 16. */
        GemmShape squareOfEqualWork() {
            int side = (int) (16 * Math.round(Math.cbrt((double) rows * inputs * outputs) / 16));
            return new GemmShape(side, side, side);
        }

        double gigaFlop() {
            return 2.0 * rows * inputs * outputs / 1e9;
        }

        @Override
        public String toString() {
            return rows + "x" + inputs + "x" + outputs;
        }
    }

    /** One layer in one engine at one thread count. */
    private interface Case extends AutoCloseable {
        void run();

        @Override
        void close();
    }

    @Override
    public Integer call() {
        List<GemmShape> layers = layers();
        for (String engine : engines) {
            if (!ENGINES.contains(engine)) {
                throw new ParameterException(spec.commandLine(), "--engines takes " + ENGINES + ", got " + engine);
            }
        }
        if (threadCounts.stream().anyMatch(t -> t <= 0)) {
            throw new ParameterException(spec.commandLine(), "--threads must be positive, got " + threadCounts);
        }
        rounds.validate(spec);
        int iterations = rounds.iterations();
        int warmup = rounds.warmup();
        NDManager manager = NDManager.newBaseManager(); // loads the engine
        int defaultThreads = JniUtils.getNumThreads();
        List<String> labels = new ArrayList<>();
        List<GemmShape> caseShapes = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        try {
            SplittableRandom random = new SplittableRandom(RANDOM_SEED);
            for (GemmShape shape : layers) {
                float[] weight = randoms(random, shape.outputs() * shape.inputs());
                float[] bias = randoms(random, shape.outputs());
                float[] x = randoms(random, shape.rows() * shape.inputs());
                for (String engine : engines) {
                    for (int threads : threadCounts) {
                        labels.add(String.format(Locale.ROOT, "%-16s %-22s %7d", shape, engine, threads));
                        caseShapes.add(shape);
                        cases.add(
                                engine.equals("onnxruntime")
                                        ? onnxRuntime(weight, bias, x, threads)
                                        : libtorch(manager, engine, weight, bias, x, threads));
                    }
                }
            }
            double[][] millis = new double[cases.size()][iterations];
            for (int round = 0; round < warmup + iterations; round++) {
                for (int c = 0; c < cases.size(); c++) {
                    Case layer = cases.get(c);
                    layer.run();
                    long start = System.nanoTime();
                    layer.run();
                    long end = System.nanoTime();
                    if (round >= warmup) {
                        millis[c][round - warmup] = (end - start) / 1e6;
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "fully connected layers y = x·Wᵀ + b, float32, %d timed rounds (each case once a round, after an "
                            + "untimed call)%n",
                    iterations);
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %-22s %7s %10s %10s %10s %10s%n",
                    "MxKxN",
                    "engine",
                    "threads",
                    "median ms",
                    "best ms",
                    "GFLOP/s",
                    "best GF/s");
            for (int c = 0; c < cases.size(); c++) {
                double[] sorted = millis[c].clone();
                Arrays.sort(sorted);
                double median = sorted[sorted.length / 2];
                double gigaFlop = caseShapes.get(c).gigaFlop();
                System.out.printf(
                        Locale.ROOT,
                        "%s %10.2f %10.2f %10.1f %10.1f%n",
                        labels.get(c),
                        median,
                        sorted[0],
                        gigaFlop / median * 1000,
                        gigaFlop / sorted[0] * 1000);
            }
        } finally {
            cases.forEach(Case::close);
            manager.close();
            JniUtils.setNumThreads(defaultThreads);
        }
        return 0;
    }

    private List<GemmShape> layers() {
        if (shapes != null && !shapes.isEmpty()) {
            try {
                return shapes.stream().map(GemmShape::parse).toList();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--shapes: " + e.getMessage());
            }
        }
        return List.of(FC6, new GemmShape(FC6.rows(), FC6.outputs(), FC6.outputs()), FC6.squareOfEqualWork());
    }

    private static Case libtorch(
            NDManager manager, String engine, float[] weight, float[] bias, float[] x, int threads) {
        int outputs = bias.length;
        int inputs = weight.length / outputs;
        int rows = x.length / inputs;
        NDArray w = manager.create(weight, new Shape(outputs, inputs));
        NDArray b = manager.create(bias, new Shape(outputs));
        NDArray input = manager.create(x, new Shape(rows, inputs));
        JniUtils.setNumThreads(threads);
        NDArray packed = switch (engine) {
            case "libtorch-mkl-packed" -> InferenceKernels.packLinearWeightForMkl(w, rows);
            case "libtorch-onednn-packed" -> InferenceKernels.packLinearWeightForOneDnn(w, rows);
            default -> null;
        };
        return new Case() {
            @Override
            public void run() {
                JniUtils.setNumThreads(threads);
                NDArray y = switch (engine) {
                    case "libtorch-mkl-packed" -> InferenceKernels.linearMkl(input, packed, w, b, rows);
                    case "libtorch-onednn-packed" ->
                        InferenceKernels.linearOneDnn(input, packed, b, InferenceKernels.Activation.NONE);
                    default -> Linear.linear(input, w, b).singletonOrThrow();
                };
                y.close();
            }

            @Override
            public void close() {
                w.close();
                b.close();
                input.close();
                if (packed != null) {
                    packed.close();
                }
            }
        };
    }

    private static Case onnxRuntime(float[] weight, float[] bias, float[] x, int threads) {
        try {
            Class.forName("ai.onnxruntime.OrtEnvironment", false, BenchGemmCommand.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("ONNX Runtime is not on the class path (the container images leave it "
                    + "out): run with --engines libtorch, or from a checkout with ./vigil");
        }
        OnnxRuntimeLinear layer = OnnxRuntimeLinear.open(weight, bias, x, threads);
        return new Case() {
            @Override
            public void run() {
                layer.run();
            }

            @Override
            public void close() {
                layer.close();
            }
        };
    }

    private static float[] randoms(SplittableRandom random, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) (random.nextDouble() - 0.5);
        }
        return values;
    }
}
