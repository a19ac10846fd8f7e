package dev.vigil.model.cli;

import dev.vigil.model.teacher.CenterNetTeacher;
import dev.vigil.model.teacher.ClassThresholds;
import dev.vigil.model.teacher.SsdTeacher;
import dev.vigil.model.teacher.TeacherChoice;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The teachers' model files and per-class score thresholds, shared by autolabel and retrain: a picocli mixin. */
public final class TeacherModelOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--ssd-model",
            paramLabel = "PATH",
            description = "the SSD teacher's TFLite file (default: ${DEFAULT-VALUE})")
    Path ssdModel = SsdTeacher.DEFAULT_MODEL;

    @Option(
            names = "--centernet-model",
            paramLabel = "PATH",
            description = "CenterNet's TF.js model.json, its weights beside it (default: ${DEFAULT-VALUE})")
    Path centerNetModel = CenterNetTeacher.DEFAULT_MODEL;

    @Option(
            names = "--class-thresh",
            paramLabel = "CLASS=SCORE",
            description = "score thresholds of some classes, e.g. person=0.4,car=0.3, as autolabel "
                    + "--thresholds-from chooses them (the others: --score-thresh or the teacher's default)")
    String classThresholds;

    /** Both teachers' files as given. */
    public TeacherChoice.ModelFiles modelFiles() {
        return new TeacherChoice.ModelFiles(ssdModel, centerNetModel);
    }

    /** Whether --class-thresh was given. */
    public boolean hasClassThresholds() {
        return classThresholds != null;
    }

    /**
     * The --class-thresh thresholds, {@code fallback} for the classes it does not name (all of them without it).
     *
     * @throws ParameterException naming the option when its value does not parse
     */
    public ClassThresholds classThresholds(float fallback) {
        if (classThresholds == null) {
            return ClassThresholds.uniform(fallback);
        }
        try {
            return ClassThresholds.parse(classThresholds, fallback);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--class-thresh: " + e.getMessage());
        }
    }
}
