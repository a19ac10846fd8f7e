package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * torch's {@code nn.BatchNorm2d} for networks trained from scratch: while training it normalises with the batch's
 * statistics and moves {@code running_mean} / {@code running_var} towards them by {@value #MOMENTUM}; at inference
 * it uses the running statistics, as {@link FrozenBatchNorm2d} does (same keys: weight, bias, running_mean,
 * running_var). Input and output (N, C, H, W).
 */
public final class BatchNorm2d extends AbstractBlock {

    /** torch's default: running = (1 − m)·running + m·batch. */
    public static final float MOMENTUM = 0.1f;
    /** DJL states momentum the other way round: running = m·running + (1 − m)·batch. */
    private static final float DJL_MOMENTUM = 1f - MOMENTUM;

    private final float eps;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public BatchNorm2d(int channels) {
        this.eps = FrozenBatchNorm2d.DEFAULT_EPS;
        Shape shape = new Shape(channels);
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.GAMMA)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(1f))
                .build());
        bias = addParameter(Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BETA)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(0f))
                .build());
        runningMean = addParameter(Parameter.builder()
                .setName("running_mean")
                .setType(Parameter.Type.RUNNING_MEAN)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(0f))
                .optRequiresGrad(false)
                .build());
        runningVar = addParameter(Parameter.builder()
                .setName("running_var")
                .setType(Parameter.Type.RUNNING_VAR)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(1f))
                .optRequiresGrad(false)
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return BatchNorm.batchNorm(
                x,
                parameterStore.getValue(runningMean, x.getDevice(), training),
                parameterStore.getValue(runningVar, x.getDevice(), training),
                parameterStore.getValue(weight, x.getDevice(), training),
                parameterStore.getValue(bias, x.getDevice(), training),
                1,
                DJL_MOMENTUM,
                eps,
                training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
