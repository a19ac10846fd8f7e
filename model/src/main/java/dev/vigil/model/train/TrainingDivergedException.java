package dev.vigil.model.train;

/** A loss became NaN or infinite: training stops at that iteration rather than go on with garbage weights. */
public final class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(TrainingPhase phase, int iteration, LossValues losses) {
        super("training diverged in " + phase.name() + " at iteration " + iteration + " (a non-finite loss, or "
                + Trainer.MAX_SKIPPED_STEPS_IN_A_ROW
                + " steps in a row with non-finite gradients): losses rpn_objectness="
                + losses.rpnObjectness() + " rpn_box=" + losses.rpnBox() + " classifier=" + losses.classifier()
                + " box_regression=" + losses.boxRegression() + " (lower the learning rate or check the boxes)");
    }
}
