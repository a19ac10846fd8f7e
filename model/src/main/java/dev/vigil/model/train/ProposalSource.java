package dev.vigil.model.train;

import dev.vigil.model.transform.ImageBatch;
import java.util.List;

/** Proposals for a batch from somewhere other than the network being trained (the paper's 4-step training). */
@FunctionalInterface
public interface ProposalSource {

    /** Per image K×4 proposals in the resized image's pixels. */
    List<float[]> proposals(ImageBatch batch);
}
