package dev.vigil.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.vigil.model.engine.Autograd;
import java.util.HashMap;
import java.util.Map;

/**
 * torch's {@code optim.SGD} with momentum and weight decay: d = g + wd·w; v = μ·v + d (v = d at the first step);
 * w = w − lr·v; then the gradient is zeroed. Momentum buffers live in this optimizer's manager and can be saved
 * and restored for exact resumption. Not thread-safe.
 */
public final class Sgd implements AutoCloseable {

    private final SgdSettings settings;
    private final NDManager manager;
    private final Map<String, NDArray> velocities = new HashMap<>();

    public Sgd(SgdSettings settings, NDManager parent) {
        this.settings = settings;
        this.manager = parent.newSubManager();
    }

    /**
     * Updates every parameter of {@code parameters} from its gradient at learning rate {@code learningRate}, the
     * gradients first scaled down to the settings' maximum global norm if they exceed it.
     *
     * A step whose gradients are not finite (an overflow somewhere in backward) changes nothing: the gradients are
     * zeroed and the non-finite norm returned for the caller to report.
     *
     * @return the gradients' global L2 norm before clipping
     */
    public float step(TrainableParameters parameters, float learningRate) {
        return Autograd.off(() -> {
            float norm = gradientNorm(parameters);
            if (!Float.isFinite(norm)) {
                zeroGradients(parameters);
                return norm;
            }
            float scale = settings.maxGradientNorm() > 0 && norm > settings.maxGradientNorm()
                    ? settings.maxGradientNorm() / norm
                    : 1f;
            for (Map.Entry<String, Parameter> entry : parameters.byKey().entrySet()) {
                update(entry.getKey(), entry.getValue().getArray(), learningRate, scale);
            }
            return norm;
        });
    }

    public SgdSettings settings() {
        return settings;
    }

    private static void zeroGradients(TrainableParameters parameters) {
        for (Parameter parameter : parameters.byKey().values()) {
            zeroGradient(parameter.getArray());
        }
    }

    /** torch's {@code grad.zero_()}: also clears NaN and infinity, which multiplying by 0 would keep. */
    private static void zeroGradient(NDArray weight) {
        JniUtils.zeroGrad((PtNDArray) weight);
    }

    private static float gradientNorm(TrainableParameters parameters) {
        double squares = 0;
        for (Parameter parameter : parameters.byKey().values()) {
            try (NDArray gradient = parameter.getArray().getGradient();
                    NDArray wide = gradient.toType(DataType.FLOAT64, true);
                    NDArray square = wide.square();
                    NDArray sum = square.sum()) {
                squares += sum.getDouble();
            }
        }
        return (float) Math.sqrt(squares);
    }

    private void update(String key, NDArray weight, float learningRate, float gradientScale) {
        try (NDArray gradient = weight.getGradient()) {
            if (gradientScale != 1f) {
                gradient.muli(gradientScale);
            }
            // v starts at 0, so the first step leaves v = d as torch does
            NDArray velocity = velocities.computeIfAbsent(key, k -> zerosIn(manager, gradient));
            velocity.muli(settings.momentum()).addi(gradient);
            if (settings.weightDecay() > 0) {
                try (NDArray decay = weight.mul(settings.weightDecay())) {
                    velocity.addi(decay);
                }
            }
            try (NDArray change = velocity.mul(learningRate)) {
                weight.subi(change);
            }
        }
        zeroGradient(weight);
    }

    private static NDArray zerosIn(NDManager manager, NDArray like) {
        NDArray zeros = like.zerosLike();
        zeros.attach(manager);
        return zeros;
    }

    /** The momentum buffers by parameter key (for a checkpoint). */
    public Map<String, NDArray> velocities() {
        return Map.copyOf(velocities);
    }

    /** Restores momentum buffers saved by {@link #velocities()}. */
    public void restore(String key, float[] values, ai.djl.ndarray.types.Shape shape) {
        NDArray old = velocities.put(key, manager.create(values, shape));
        if (old != null) {
            old.close();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
