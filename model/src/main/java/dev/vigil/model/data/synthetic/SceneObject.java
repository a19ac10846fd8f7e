package dev.vigil.model.data.synthetic;

import dev.vigil.model.data.GroundTruthBox;

/**
 * A labelled object of a synthetic frame.
 *
 * @param box the whole object's box (clipped to the image), even where other things hide part of it; {@code crowd}
 *     marks objects too hidden or too small to count (videos only: stills leave them out)
 * @param visibleFraction the share of the object's own pixels that shows in the frame
 * @param trackId the same for one object in every frame of a video
 */
public record SceneObject(SceneClass sceneClass, GroundTruthBox box, double visibleFraction, int trackId) {}
