package dev.vigil.stream.retrain;

import dev.vigil.model.teacher.ClassThresholds;
import dev.vigil.model.teacher.TeacherChoice;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@code vigil retrain} does.
 *
 * @param camera the camera whose frames are used
 * @param modelName the registry's model name: fine-tuned from its production release, the candidate published as it
 * @param from earliest capture time (inclusive), or null
 * @param to capture times before this (exclusive), or null
 * @param iterations fine-tuning iterations
 * @param heldOutShare the share of the frames, the latest ones, held out for the gate (0..1)
 * @param workDir where the snapshot, the split, the training run and the report go (a second run resumes there)
 * @param teacher the teacher for frames without annotations
 * @param teacherModels the teachers' weight files
 * @param consistency the teacher's labels cleaned over this many neighbouring frames each side (0: not cleaned)
 * @param teacherThresholds the score thresholds of the teacher's labels per class, or null for the teacher's default
 * @param initWithoutProduction the model fine-tuned when the registry has no production release of the name
 * @param tolerance how far (AP, 0..1) a figure of the candidate may fall below production's
 * @param seed seeds the training run
 */
public record RetrainSettings(
        String camera,
        String modelName,
        Instant from,
        Instant to,
        int iterations,
        double heldOutShare,
        Path workDir,
        String framesTopic,
        String annotationsTopic,
        TeacherChoice teacher,
        TeacherChoice.ModelFiles teacherModels,
        int consistency,
        ClassThresholds teacherThresholds,
        Path initWithoutProduction,
        double tolerance,
        long seed) {

    public RetrainSettings {
        if (!(heldOutShare > 0 && heldOutShare < 1)) {
            throw new IllegalArgumentException("the held-out share must be between 0 and 1, got " + heldOutShare);
        }
        if (consistency < 0) {
            throw new IllegalArgumentException("--consistency must not be negative, got " + consistency);
        }
        if (iterations <= 0) {
            throw new IllegalArgumentException("iterations must be positive, got " + iterations);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
        }
    }

    public Path snapshotDir() {
        return workDir.resolve("snapshot");
    }

    public Path splitDir() {
        return workDir.resolve("split");
    }

    public Path trainingDir() {
        return workDir.resolve("training");
    }
}
