package dev.vigil.model.roiheads;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Fast R-CNN's sibling outputs, as torchvision's {@code FastRCNNPredictor}: {@code cls_score} (C class logits,
 * background first) and {@code bbox_pred} (4 box deltas per class). Input K×D box features; output
 * (K×C logits, K×4C deltas).
 */
public final class FastRcnnPredictor extends AbstractBlock {

    private final int numClasses;
    private final Linear clsScore;
    private final Linear bboxPred;

    /** @param numClasses classes including background (91 for torchvision's COCO models) */
    public FastRcnnPredictor(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("need background and at least one class, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.clsScore =
                addChildBlock("cls_score", Linear.builder().setUnits(numClasses).build());
        this.bboxPred = addChildBlock(
                "bbox_pred", Linear.builder().setUnits(4L * numClasses).build());
    }

    public int numClasses() {
        return numClasses;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray features = inputs.singletonOrThrow();
        NDArray x = features.reshape(features.getShape().get(0), -1);
        NDArray logits = clsScore.forward(parameterStore, new NDList(x), training, params)
                .singletonOrThrow();
        NDArray deltas = bboxPred.forward(parameterStore, new NDList(x), training, params)
                .singletonOrThrow();
        return new NDList(logits, deltas);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        clsScore.initialize(manager, dataType, inputShapes);
        bboxPred.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long k = inputShapes[0].get(0);
        return new Shape[] {new Shape(k, numClasses), new Shape(k, 4L * numClasses)};
    }
}
