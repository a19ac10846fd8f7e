package dev.vigil.stream.cli;

import dev.vigil.model.gate.GateFigures;
import dev.vigil.model.gate.GateVerdict;
import dev.vigil.model.gate.PromotionGate;
import dev.vigil.schemas.GateDecision;
import dev.vigil.schemas.ModelStage;
import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.ModelReleases;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil model promote NAME:VERSION}: a release into production, through the gate. */
@Command(
        name = "promote",
        mixinStandardHelpOptions = true,
        description = {
            "Promotes the release NAME:VERSION to production, through the gate: it and the production release are",
            "evaluated on one held-out dataset (--dataset, else the one its validation metrics come from); it is",
            "refused when its COCO AP or the AP50 of any class falls below production's by more than --tolerance,",
            "unless --force. The decision and both sets of figures go into the release record; the replaced release",
            "is retired. Running detects following NAME switch to it. Exit status: 0 promoted, 3 refused."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:promoted (or in production already)", "1:error", "2:bad usage", "3:refused by the gate"})
public final class ModelPromoteCommand implements Callable<Integer> {

    static final int REFUSED = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryConnection registry;

    @Parameters(paramLabel = "NAME:VERSION", description = "The release to promote.")
    String release;

    @Option(names = "--force", description = "Promote even when the gate refuses it or cannot evaluate it.")
    boolean force;

    @Option(
            names = "--dataset",
            paramLabel = "FILE",
            description = "The held-out dataset (COCO JSON) both models are evaluated on. Default: the one the "
                    + "candidate's validation metrics come from, if it is still there unchanged.")
    Path dataset;

    @Option(names = "--dataset-images", paramLabel = "DIR", description = "Its images. Default: the JSON's own.")
    Path datasetImages;

    @Option(
            names = "--tolerance",
            defaultValue = "" + PromotionGate.DEFAULT_TOLERANCE,
            description = "How far (AP, 0..1) a figure may fall below production's. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Override
    public Integer call() throws Exception {
        ModelReleases.Ref ref = ModelReleases.Ref.parse(release);
        PrintWriter out = spec.commandLine().getOut();
        ModelRegistry.Promotion promotion;
        try (ModelRegistry models = registry.connect()) {
            promotion = models.promote(
                    ref,
                    new ModelRegistry.GateSettings(tolerance, dataset, datasetImages, force),
                    spec.commandLine().getErr());
        }
        if (promotion.verdict() != null) {
            printFigures(out, promotion);
        }
        String findings = promotion.release().getGate() == null
                ? ""
                : String.join("; ", promotion.release().getGate().getFindings());
        switch (promotion.decision()) {
            case ACCEPTED ->
                out.printf(
                        promotion.replaced() == null && promotion.release().getGate() == null
                                ? "%s is in production already%n"
                                : "%s is in production (gate: accepted)%s%n",
                        ref,
                        promotion.replaced() == null
                                ? ""
                                : "; " + ModelReleases.ref(promotion.replaced()) + " is retired");
            case FORCED ->
                out.printf(
                        "%s is in production (forced past the gate: %s)%s%n",
                        ref,
                        findings,
                        promotion.replaced() == null
                                ? ""
                                : "; " + ModelReleases.ref(promotion.replaced()) + " is retired");
            default -> {
                out.printf(
                        "%s is refused by the gate and stays %s (recorded): %s. --force promotes it anyway.%n",
                        ref,
                        promotion.release().getStage() == ModelStage.CANDIDATE
                                ? "a candidate"
                                : promotion.release().getStage().name().toLowerCase(Locale.ROOT),
                        findings);
                return REFUSED;
            }
        }
        return promotion.decision() == GateDecision.REFUSED ? REFUSED : 0;
    }

    private void printFigures(PrintWriter out, ModelRegistry.Promotion promotion) {
        GateVerdict verdict = promotion.verdict();
        var gate = promotion.release().getGate();
        out.printf(
                Locale.ROOT,
                "gate: %s against %s on %s, tolerance %.3f%n",
                ModelReleases.ref(promotion.release()),
                gate.getComparedWith().isEmpty() ? "nothing (no production release)" : gate.getComparedWith(),
                gate.getDataset() == null ? "-" : gate.getDataset().getPath(),
                verdict.tolerance());
        String format = "%-22s %10s %10s %8s%n";
        out.printf(format, "figure", "candidate", "production", "change");
        row(
                out,
                format,
                "COCO AP",
                verdict.candidate().cocoAp(),
                verdict.production() == null ? null : verdict.production().cocoAp(),
                verdict.tolerance());
        row(
                out,
                format,
                "AP50",
                verdict.candidate().ap50(),
                verdict.production() == null ? null : verdict.production().ap50(),
                verdict.tolerance());
        TreeSet<String> classes = new TreeSet<>(verdict.candidate().perClass().keySet());
        if (verdict.production() != null) {
            classes.addAll(verdict.production().perClass().keySet());
        }
        for (String label : classes) {
            GateFigures.ClassFigures mine = verdict.candidate().perClass().get(label);
            GateFigures.ClassFigures theirs = verdict.production() == null
                    ? null
                    : verdict.production().perClass().get(label);
            row(
                    out,
                    format,
                    "AP50 " + label,
                    mine == null ? 0 : mine.ap50(),
                    theirs == null ? null : theirs.ap50(),
                    verdict.tolerance());
        }
    }

    private static void row(
            PrintWriter out, String format, String figure, double candidate, Double production, double tolerance) {
        String change = "";
        if (production != null && production >= 0 && candidate >= 0) {
            change = String.format(Locale.ROOT, "%+.3f", candidate - production)
                    + (candidate < production - tolerance ? " worse" : "");
        }
        out.printf(
                format,
                figure,
                candidate < 0 ? "-" : String.format(Locale.ROOT, "%.3f", candidate),
                production == null || production < 0 ? "-" : String.format(Locale.ROOT, "%.3f", production),
                change);
    }
}
