package dev.vigil.stream.cli;

import dev.vigil.model.cli.AutolabelCommand;
import dev.vigil.model.cli.TeacherModelOptions;
import dev.vigil.model.gate.PromotionGate;
import dev.vigil.model.teacher.TeacherChoice;
import dev.vigil.schemas.GateDecision;
import dev.vigil.stream.config.CaptureTimeRange;
import dev.vigil.stream.kafka.ConnectOptions;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.release.RegistrySettings;
import dev.vigil.stream.retrain.Retrain;
import dev.vigil.stream.retrain.RetrainReport;
import dev.vigil.stream.retrain.RetrainSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil retrain}: the retraining loop for one camera as one command ({@link Retrain}). */
@Command(
        name = "retrain",
        mixinStandardHelpOptions = true,
        description = {
            "Retrains the model on one camera's frames: snapshot of the frames topic -> labels (annotations on the "
                    + "topic, else the teacher's, published there) -> split by capture time (the last part held out) "
                    + "-> fine-tuning from the model in production (or --init when the registry has none) -> both "
                    + "models evaluated on the held-out frames -> the candidate published to the model registry and "
                    + "promoted only when the gate finds it not worse.",
            "Prints both models' figures and the gate's decision; WORK/report.md has them with PNG plots. Run it "
                    + "again with the same --work to resume an interrupted run.",
            "Exit codes: 0 promoted, 3 refused by the gate (the candidate stays in the registry), 1 failed."
        })
public final class RetrainCommand implements Callable<Integer> {

    static final int REFUSED = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryConnection registry;

    @Mixin
    ConnectOptions connect;

    @Option(names = "--camera", paramLabel = "NAME", required = true, description = "The camera.")
    String camera;

    @Option(
            names = "--model-name",
            paramLabel = "NAME",
            required = true,
            description = "The registry's model: fine-tuned from its production release, the candidate published as "
                    + "a new version of it.")
    String modelName;

    @Mixin
    CaptureTimeRange range;

    @Option(
            names = "--iterations",
            paramLabel = "N",
            defaultValue = "300",
            description = "Fine-tuning iterations (2 images each). Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(
            names = "--held-out",
            paramLabel = "SHARE",
            defaultValue = "0.2",
            description = "Share of the frames, the latest, held out for the gate. Default: ${DEFAULT-VALUE}.")
    double heldOut;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "Work folder (snapshot, split, training run, report); the same folder resumes. "
                    + "Default: retrain-CAMERA-MODEL in the current folder.")
    Path work;

    @Option(names = "--frames-topic", defaultValue = Topics.FRAMES, description = "Default: ${DEFAULT-VALUE}.")
    String framesTopic;

    @Option(
            names = "--annotations-topic",
            defaultValue = Topics.ANNOTATIONS,
            description = "Default: ${DEFAULT-VALUE}.")
    String annotationsTopic;

    @Option(
            names = "--teacher",
            paramLabel = "NAME",
            defaultValue = "centernet",
            description = "Teacher for frames without annotations: centernet, ssd or ensemble. "
                    + "Default: ${DEFAULT-VALUE}.")
    String teacher;

    @Mixin
    TeacherModelOptions teacherModels;

    @Option(
            names = "--consistency",
            paramLabel = "K",
            defaultValue = "0",
            description = "Clean the teacher's labels over K neighbouring frames each side (a box seen in none "
                    + "becomes an ignore region, a one-frame miss is filled; see vigil autolabel). Default: "
                    + "${DEFAULT-VALUE}, off.")
    int consistency;

    @Option(
            names = "--init",
            paramLabel = "MODEL_DIR",
            defaultValue = "models/vigil-default",
            description = "The model fine-tuned when the registry has no production release of --model-name; the "
                    + "candidate must then be not worse than it to be promoted. Default: ${DEFAULT-VALUE}.")
    Path init;

    @Option(
            names = "--tolerance",
            defaultValue = "" + PromotionGate.DEFAULT_TOLERANCE,
            description = "How far (AP, 0..1) a figure may fall below production's. Default: ${DEFAULT-VALUE}.")
    double tolerance;

    @Option(names = "--seed", defaultValue = "1", description = "Training's random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    private volatile boolean stopRequested;

    @Override
    public Integer call() throws Exception {
        range.validate(spec.commandLine());
        Path workDir = work != null ? work : Path.of("retrain-" + camera + "-" + modelName);
        RetrainSettings settings = new RetrainSettings(
                camera,
                modelName,
                range.from(),
                range.to(),
                iterations,
                heldOut,
                workDir,
                framesTopic,
                annotationsTopic,
                TeacherChoice.parse(teacher),
                teacherModels.modelFiles(),
                consistency,
                teacherModels.hasClassThresholds()
                        ? teacherModels.classThresholds(AutolabelCommand.defaultThreshold(TeacherChoice.parse(teacher)))
                        : null,
                init,
                tolerance,
                seed);
        RegistrySettings registrySettings = registry.settings();
        new StartupCheck(connect)
                .awaitKafkaAndRegistry(registrySettings.clientConfig(), registrySettings.serdeConfig());
        Retrain.Outcome outcome;
        try (GracefulShutdown shutdown = GracefulShutdown.onSignal("vigil-retrain", () -> stopRequested = true)) {
            outcome = new Retrain(settings, registrySettings, connect.timeout(), System.err).run(() -> stopRequested);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "retrained %s on %d frames of %s (%d labelled by the teacher), fine-tuned from %s in %d s%n",
                outcome.candidate(),
                outcome.frames(),
                camera,
                outcome.teacherLabelled(),
                outcome.initFrom(),
                outcome.training().duration().toSeconds());
        if (outcome.verdict() != null) {
            out.printf("held-out frames: %d%n", outcome.split().heldOutImages());
            out.print(RetrainReport.table(outcome.verdict()));
        }
        out.printf(
                "gate: %s: %s%n",
                outcome.decision(),
                outcome.decision() == GateDecision.REFUSED
                        ? outcome.candidate() + " stays a candidate; production is unchanged"
                        : outcome.candidate() + " is in production");
        out.printf("report: %s%n", outcome.report());
        out.flush();
        return outcome.decision() == GateDecision.REFUSED ? REFUSED : 0;
    }
}
