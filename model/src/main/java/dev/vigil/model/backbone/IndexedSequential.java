package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * torch's {@code nn.Sequential}: children named "0", "1", ... in order (unlike DJL's SequentialBlock, which
 * names them after their class), each taking the previous one's output. Parameterless modules (ReLU, MaxPool)
 * are children too, so indices match torchvision's (VGG's convs sit at 0, 2, 5, 7, ...).
 */
public class IndexedSequential extends IndexedModules {

    /** Appends {@code block} under the next index and returns this. */
    public IndexedSequential add(Block block) {
        append(block);
        return this;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList current = inputs;
        for (Block child : children.values()) {
            NDList input = current;
            NDList output = ScopedForward.run(input, in -> child.forward(parameterStore, in, training, params));
            if (input != inputs) {
                closeUnlessKept(input, output);
            }
            current = output;
        }
        return current;
    }

    /** Frees an intermediate result once consumed, unless the next module passed it through. */
    static void closeUnlessKept(NDList consumed, NDList kept) {
        for (NDArray array : consumed) {
            if (kept.stream().noneMatch(k -> k == array)) {
                array.close();
            }
        }
    }
}
