package dev.vigil.model.backbone;

/**
 * One output feature map of a backbone (detectron2's {@code ShapeSpec}).
 *
 * @param name the map's name, as torchvision's OrderedDict key ("0", "1", ..., "pool")
 * @param stride image pixels per feature-map cell along each axis
 */
public record FeatureMap(String name, int stride) {

    public FeatureMap {
        if (name == null || name.isEmpty() || stride <= 0) {
            throw new IllegalArgumentException(
                    "a feature map needs a name and a positive stride, got '" + name + "' at stride " + stride);
        }
    }
}
