package dev.vigil.model.train;

import java.util.List;

/**
 * One stage of a training scheme: which network it trains (the paper's 4-step scheme has two until step 3 shares
 * the convolutional layers), which losses, which parameters.
 *
 * @param name for logs
 * @param network 0 for the network the run returns, 1 for the step-1 RPN network of alternating training
 * @param rpnLoss train with the RPN's loss
 * @param headLoss train with the detection head's loss
 * @param proposalsFromNetwork1 the head's RoIs come from network 1's RPN (step 2) instead of its own
 * @param trainedPrefixes parameter keys trained
 * @param iterations SGD iterations of the stage
 */
public record TrainingPhase(
        String name,
        int network,
        boolean rpnLoss,
        boolean headLoss,
        boolean proposalsFromNetwork1,
        List<String> trainedPrefixes,
        int iterations) {

    public static TrainingPhase joint(int iterations) {
        return new TrainingPhase("joint", 0, true, true, false, List.of(""), iterations);
    }

    /** Steps 1–4 of the paper's section 3.2. */
    public static List<TrainingPhase> alternating(int step1, int step2, int step3, int step4) {
        return List.of(
                new TrainingPhase("step1-rpn", 1, true, false, false, List.of("backbone.", "rpn."), step1),
                new TrainingPhase("step2-fast-rcnn", 0, false, true, true, List.of("backbone.", "roi_heads."), step2),
                new TrainingPhase("step3-rpn-unique", 0, true, false, false, List.of("rpn."), step3),
                new TrainingPhase("step4-fast-rcnn-unique", 0, false, true, false, List.of("roi_heads."), step4));
    }
}
