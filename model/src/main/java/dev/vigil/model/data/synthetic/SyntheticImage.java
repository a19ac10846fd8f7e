package dev.vigil.model.data.synthetic;

import dev.vigil.model.data.GroundTruthBox;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A generated frame and its exact ground truth.
 *
 * @param image {@code TYPE_INT_RGB}
 * @param objects the labelled objects, far to near
 */
public record SyntheticImage(BufferedImage image, List<SceneObject> objects) {

    public SyntheticImage {
        objects = List.copyOf(objects);
    }

    public List<GroundTruthBox> boxes() {
        return objects.stream().map(SceneObject::box).toList();
    }
}
