package dev.vigil.model.train;

/** How the RPN and the detection network learn (the paper's section 3.2). */
public enum TrainingScheme {
    /** Approximate joint training: one network, both losses at once, proposals treated as fixed inputs. */
    JOINT,
    /** The paper's 4-step alternating training. */
    ALTERNATING
}
