package dev.vigil.model.backbone;

import ai.djl.nn.Block;

/** A torch container whose children are named by position: "0", "1", ... ({@code nn.Sequential}, {@code nn.ModuleList}). */
public abstract class IndexedModules extends TorchModule {

    /** Adds {@code block} under the next index. */
    protected final void append(Block block) {
        addChildBlock(String.valueOf(children.size()), block);
    }

    public final int size() {
        return children.size();
    }

    /** The child at {@code index}. */
    public final Block get(int index) {
        return children.get(index).getValue();
    }
}
