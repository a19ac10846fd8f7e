package dev.vigil.model.cli;

import dev.vigil.model.anchor.AnchorConfig;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.rpn.RpnConfig;
import dev.vigil.model.train.LossSettings;
import dev.vigil.model.train.SyntheticBenchmark;
import dev.vigil.model.train.TrainingProgress;
import dev.vigil.model.train.TrainingRecipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench ablation}: the shape of the paper's Table 8 (anchor scales and ratios), Table 9 (λ) and
 * Table 2 top (proposals at test time, NMS) on the synthetic benchmark, as a markdown table.
 */
@Command(
        name = "ablation",
        mixinStandardHelpOptions = true,
        description = {
            "Paper ablations on the synthetic benchmark: anchors 1x1 vs 3x3 (Table 8), lambda (Table 9),",
            "300 vs 2000 proposals and NMS on/off at test time (Table 2). Prints a markdown table."
        })
public final class BenchAblationCommand implements Callable<Integer> {

    static final int DEFAULT_ITERATIONS = 800;
    /** The single anchor of the 1 scale × 1 ratio variant: the middle of the compact model's sizes. */
    static final float SINGLE_ANCHOR_SIZE = 64f;

    static final float[] LAMBDAS = {0.1f, 1f, 10f, 100f};
    /** Proposals kept before NMS in the test-time variants (the paper's 6,000). */
    static final int TEST_PRE_NMS = RpnConfig.PAPER_PRE_NMS_TOP_N_TEST;
    /** An NMS threshold that suppresses nothing. */
    static final double NO_NMS = 1.0;

    @Option(
            names = "--work",
            defaultValue = "target/bench-ablation",
            description = "folder for the data and runs (default: ${DEFAULT-VALUE}); finished runs are reused")
    Path work;

    @Option(
            names = "--iterations",
            defaultValue = "" + DEFAULT_ITERATIONS,
            description = "SGD iterations per trained variant (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--seed", defaultValue = "1", description = "training seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        SyntheticBenchmark benchmark = new SyntheticBenchmark(
                work, SyntheticBenchmark.DEFAULT_TRAIN_IMAGES, SyntheticBenchmark.DEFAULT_TEST_IMAGES);
        ArchitectureConfig base = benchmark.architecture(ArchitectureConfig.COMPACT_BN);
        TrainingRecipe recipe = TrainingRecipe.fromScratch(base, iterations, seed);
        List<String> rows = new ArrayList<>();
        try (TrainingProgress progress = new TrainingProgress()) {
            SyntheticBenchmark.Result nineAnchors = benchmark.trainAndEvaluate("anchors-3x3", recipe, progress);
            rows.add(row("Table 8", "3 scales × 3 ratios (32, 64, 128; 1:2, 1:1, 2:1)", nineAnchors.vocAreaMap()));
            AnchorConfig single =
                    new AnchorConfig(List.of(new float[] {SINGLE_ANCHOR_SIZE}), List.of(new float[] {1f}));
            rows.add(row(
                    "Table 8",
                    "1 scale × 1 ratio (64; 1:1)",
                    benchmark
                            .trainAndEvaluate(
                                    "anchors-1x1", recipe.withArchitecture(base.withAnchors(single)), progress)
                            .vocAreaMap()));
            for (float lambda : LAMBDAS) {
                rows.add(row(
                        "Table 9",
                        String.format(Locale.ROOT, "λ = %s (paper normalisation)", lambda),
                        benchmark
                                .trainAndEvaluate(
                                        "lambda-" + lambda,
                                        recipe.withLoss(LossSettings.paper().withLambda(lambda)),
                                        progress)
                                .vocAreaMap()));
            }
            ModelArtifact model = ModelArtifact.read(
                    work.resolve("runs").resolve("anchors-3x3").resolve("model"));
            RpnConfig rpn = base.rpn();
            rows.add(row(
                    "Table 2",
                    "test: NMS 0.7, 300 proposals",
                    testTime(benchmark, model, rpn.withTestTopN(TEST_PRE_NMS, RpnConfig.PAPER_POST_NMS_TOP_N_TEST))));
            rows.add(row(
                    "Table 2",
                    "test: NMS 0.7, 2,000 proposals",
                    testTime(benchmark, model, rpn.withTestTopN(TEST_PRE_NMS, RpnConfig.PAPER_POST_NMS_TOP_N_TRAIN))));
            rows.add(row(
                    "Table 2",
                    "test: no NMS, top 300 of 6,000",
                    testTime(
                            benchmark,
                            model,
                            rpn.withNmsThreshold(NO_NMS)
                                    .withTestTopN(TEST_PRE_NMS, RpnConfig.PAPER_POST_NMS_TOP_N_TEST))));
        }
        System.out.printf(
                Locale.ROOT,
                "%nSynthetic benchmark, vigil_compact_bn (%d training iterations per variant, seed %d):%n%n"
                        + "| paper | variant | mAP@0.5 (VOC area) |%n|---|---|---|%n",
                iterations,
                seed);
        rows.forEach(System.out::println);
        return 0;
    }

    private static double testTime(SyntheticBenchmark benchmark, ModelArtifact model, RpnConfig rpn)
            throws java.io.IOException {
        return benchmark
                .evaluate(model.withConfig(model.config().withRpn(rpn)))
                .voc()
                .meanAllPointAp();
    }

    private static String row(String table, String variant, double map) {
        return String.format(Locale.ROOT, "| %s | %s | %.3f |", table, variant, map);
    }
}
