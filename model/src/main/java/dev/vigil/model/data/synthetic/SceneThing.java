package dev.vigil.model.data.synthetic;

/**
 * Something placed in a frame.
 *
 * @param sceneClass the labelled class, or null for an unlabelled distractor
 * @param trackId the object's id, the same in every frame of a video
 */
record SceneThing(PlacedSprite sprite, SceneClass sceneClass, int trackId) {

    boolean labelled() {
        return sceneClass != null;
    }
}
