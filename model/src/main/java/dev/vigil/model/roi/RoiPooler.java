package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;

/** Pools a fixed-size feature grid for each region of interest of a single feature map (RoIPool, RoIAlign). */
public interface RoiPooler {

    /**
     * @param features N×C×H×W feature maps
     * @param rois K×5 RoIs (batch index, x1, y1, x2, y2) in image pixels, row-major; no gradient flows to them
     * @param path engine ops that gradients pass through, or the JVM inference path; both give the same values
     * @return K×C×PH×PW pooled features
     */
    NDArray apply(NDArray features, float[] rois, PoolingPath path);

    /** {@link #apply(NDArray, float[], PoolingPath)} on the {@link PoolingPath#DIFFERENTIABLE differentiable} path. */
    default NDArray apply(NDArray features, float[] rois) {
        return apply(features, rois, PoolingPath.DIFFERENTIABLE);
    }

    /** {@link #apply(NDArray, float[])} with the RoIs as a K×5 engine array (copied to the JVM once). */
    default NDArray apply(NDArray features, NDArray rois) {
        return apply(features, Rois.toArray(rois));
    }
}
