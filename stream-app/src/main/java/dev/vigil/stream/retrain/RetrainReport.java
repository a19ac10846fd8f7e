package dev.vigil.stream.retrain;

import dev.vigil.model.gate.GateFigures;
import dev.vigil.model.gate.GateVerdict;
import dev.vigil.model.io.AtomicFile;
import dev.vigil.model.plot.BarPlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report of a retraining run, in its work folder: {@value #FILE} (what was done, both models' figures on the
 * held-out frames, the gate's decision) with {@value #AP_PLOT} (AP50 per class, candidate beside production) and
 * the training run's loss curve.
 */
public final class RetrainReport {

    public static final String FILE = "report.md";
    public static final String AP_PLOT = "per-class-ap50.png";

    private RetrainReport() {}

    /** Writes the report (and the plot when there are figures). */
    static void write(RetrainSettings settings, Retrain.Outcome outcome, List<String> findings) throws IOException {
        Path dir = settings.workDir();
        StringBuilder md = new StringBuilder();
        md.append("# Retraining ")
                .append(settings.modelName())
                .append(" on camera ")
                .append(settings.camera());
        md.append("\n\n");
        line(
                md,
                "Frames: %d from topic `%s` (%s to %s), %d of them labelled by the %s teacher here, the others "
                        + "by annotations already on `%s`.",
                outcome.frames(),
                settings.framesTopic(),
                settings.from() == null ? "the beginning" : settings.from(),
                settings.to() == null ? "the end" : settings.to(),
                outcome.teacherLabelled(),
                settings.teacher(),
                settings.annotationsTopic());
        line(
                md,
                "Split by capture time: %d frames for training, the last %d (captured from %s) held out.",
                outcome.split().trainImages(),
                outcome.split().heldOutImages(),
                outcome.split().heldOutFrom());
        line(
                md,
                "Fine-tuned from %s: %d iterations in %d s; loss curve: [%s](%s).",
                outcome.initFrom(),
                settings.iterations(),
                outcome.training().duration().toSeconds(),
                dir.relativize(outcome.training().lossCurve()),
                dir.relativize(outcome.training().lossCurve()));
        line(md, "Candidate: `%s`, in the model registry.", outcome.candidate());
        line(
                md,
                "Gate (tolerance %.3f AP): **%s**%s.",
                settings.tolerance(),
                outcome.decision(),
                findings.isEmpty() ? "" : ": " + String.join("; ", findings));
        GateVerdict verdict = outcome.verdict();
        if (verdict != null) {
            md.append("\n").append(table(verdict)).append("\n");
            plot(verdict, dir.resolve(AP_PLOT));
            md.append("![AP50 per class](").append(AP_PLOT).append(")\n\n");
        }
        md.append("![loss curve](")
                .append(dir.relativize(outcome.training().lossCurve()))
                .append(")\n");
        byte[] bytes = md.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(dir.resolve(FILE), temporary -> java.nio.file.Files.write(temporary, bytes));
    }

    /** Both models' figures as a markdown table (production "-" when there was none). */
    public static String table(GateVerdict verdict) {
        StringBuilder md = new StringBuilder("| figure | candidate | production | change |\n|---|---|---|---|\n");
        row(
                md,
                "COCO AP",
                verdict.candidate().cocoAp(),
                verdict.production() == null ? null : verdict.production().cocoAp());
        row(
                md,
                "AP50",
                verdict.candidate().ap50(),
                verdict.production() == null ? null : verdict.production().ap50());
        TreeSet<String> classes = new TreeSet<>(verdict.candidate().perClass().keySet());
        if (verdict.production() != null) {
            classes.addAll(verdict.production().perClass().keySet());
        }
        for (String label : classes) {
            GateFigures.ClassFigures mine = verdict.candidate().perClass().get(label);
            GateFigures.ClassFigures theirs = verdict.production() == null
                    ? null
                    : verdict.production().perClass().get(label);
            row(md, "AP50 " + label, mine == null ? 0 : mine.ap50(), theirs == null ? null : theirs.ap50());
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String figure, double candidate, Double production) {
        md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s |%n",
                figure,
                figure(candidate),
                production == null ? "-" : figure(production),
                production == null || production < 0 || candidate < 0
                        ? ""
                        : String.format(Locale.ROOT, "%+.3f", candidate - production)));
    }

    private static String figure(double value) {
        return value < 0 ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static void plot(GateVerdict verdict, Path file) {
        BarPlot.Builder plot = BarPlot.builder("AP50 per class on the held-out frames", "class", "AP50")
                .series("candidate", ap50(verdict.candidate()));
        if (verdict.production() != null) {
            plot.series("production", ap50(verdict.production()));
        }
        plot.build().writePng(file);
    }

    private static Map<String, Double> ap50(GateFigures figures) {
        Map<String, Double> values = new LinkedHashMap<>();
        figures.perClass().forEach((label, f) -> values.put(label, Math.max(0, f.ap50())));
        return values;
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append("- ").append(String.format(Locale.ROOT, format, args)).append("\n");
    }
}
