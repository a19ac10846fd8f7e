package dev.vigil.model.teacher.tfjs;

import ai.djl.ndarray.NDList;

/** Runs one op of a graph: the node's inputs in order (constants included) to its outputs, in TF's semantics. */
@FunctionalInterface
public interface OpKernel {

    /**
     * @throws IllegalArgumentException naming the node when its inputs or attributes are not supported
     */
    NDList run(GraphNode node, NDList inputs);
}
