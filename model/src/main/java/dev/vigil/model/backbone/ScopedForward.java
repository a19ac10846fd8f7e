package dev.vigil.model.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/**
 * Runs a forward step in a child NDManager so that its intermediate arrays are freed as soon as it returns,
 * as torch frees tensors nobody references: without this, a ResNet-50 forward at 800×1333 would hold every
 * intermediate feature map (gigabytes) until the caller's manager closes. Only the outputs survive, attached to
 * the manager of the first input. Autograd is unaffected: the graph keeps its own references.
 */
final class ScopedForward {

    private ScopedForward() {}

    static NDList run(NDList inputs, UnaryOperator<NDList> step) {
        NDManager caller = inputs.head().getManager();
        try (NDManager scope = caller.newSubManager()) {
            inputs.tempAttach(scope);
            NDList outputs = step.apply(inputs);
            outputs.attach(caller);
            return outputs;
        }
    }
}
