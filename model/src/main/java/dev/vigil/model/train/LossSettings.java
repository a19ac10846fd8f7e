package dev.vigil.model.train;

/**
 * How the multi-task losses are weighted and normalised (the paper's equation 1 and Fast R-CNN's equation 1).
 *
 * @param normalization {@link Normalization#PAPER}: RPN classification summed over the sampled anchors / N_cls and
 *     box regression summed over positives / N_reg (anchor locations) × λ; {@link Normalization#TORCHVISION}:
 *     classification averaged, box regression summed / sampled anchors, λ unused
 * @param lambda the paper's λ balancing the RPN's two terms (10)
 * @param rpnBeta smooth-L1 beta of the RPN's box loss (1/9: py-faster-rcnn's σ = 3 and torchvision)
 * @param boxBeta smooth-L1 beta of the detection head's box loss (1/9 torchvision, 1 Fast R-CNN)
 */
public record LossSettings(Normalization normalization, float lambda, float rpnBeta, float boxBeta) {

    /** The settings a user names: {@code paper} or {@code torchvision}. */
    public static LossSettings named(String name) {
        return switch (name) {
            case "paper" -> paper();
            case "torchvision" -> torchvision();
            default -> throw new IllegalArgumentException("the loss must be paper or torchvision, got '" + name + "'");
        };
    }

    /** The two normalisations. */
    public enum Normalization {
        PAPER,
        TORCHVISION
    }

    public static final float PAPER_LAMBDA = 10f;
    public static final float TORCHVISION_BETA = 1f / 9;
    public static final float FAST_RCNN_BETA = 1f;

    public LossSettings {
        if (!(lambda > 0) || !(rpnBeta > 0) || !(boxBeta > 0)) {
            throw new IllegalArgumentException(
                    "λ and the smooth-L1 betas must be positive, got " + lambda + ", " + rpnBeta + ", " + boxBeta);
        }
    }

    public static LossSettings torchvision() {
        return new LossSettings(Normalization.TORCHVISION, 1f, TORCHVISION_BETA, TORCHVISION_BETA);
    }

    public static LossSettings paper() {
        return new LossSettings(Normalization.PAPER, PAPER_LAMBDA, TORCHVISION_BETA, FAST_RCNN_BETA);
    }

    public LossSettings withLambda(float newLambda) {
        return new LossSettings(normalization, newLambda, rpnBeta, boxBeta);
    }
}
