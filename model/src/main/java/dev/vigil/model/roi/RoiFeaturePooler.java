package dev.vigil.model.roi;

import ai.djl.ndarray.NDArray;
import dev.vigil.model.image.ImageSize;
import java.util.List;
import java.util.Map;

/** Pools a fixed-size feature per proposal (the paper's RoI pooling layer, or torchvision's multi-scale RoIAlign). */
@FunctionalInterface
public interface RoiFeaturePooler {

    /**
     * @param features named feature maps N×C×Hi×Wi
     * @param proposals per image K_i×4 boxes in resized-image pixels, row-major
     * @param imageSizes per image the resized size
     * @param path engine ops that gradients pass through (training), or the JVM inference path
     * @return ΣK×C×PH×PW pooled features, image after image
     */
    NDArray pool(Map<String, NDArray> features, List<float[]> proposals, List<ImageSize> imageSizes, PoolingPath path);
}
