package dev.vigil.model.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates CCTV-like scenes with exact ground truth: a ground plane in perspective with a static background and
 * unlabelled distractors, objects of {@link SceneClass} at many scales and aspect ratios occluding each other,
 * then lighting, contrast, noise and blur. Image {@code i} of a seed is always the same, whatever was generated
 * before; so is every frame of a video. Thread-safe: instances hold only settings.
 */
public final class SyntheticScenes {

    private final SceneSettings settings;
    private final long seed;

    public SyntheticScenes(SceneSettings settings, long seed) {
        this.settings = settings;
        this.seed = seed;
    }

    public SceneSettings settings() {
        return settings;
    }

    /** Still image number {@code index}: its own layout, objects and look. */
    public SyntheticImage image(long index) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, index));
        SceneLayout layout = SceneLayout.random(settings, random.split());
        ThingPlacer placer = new ThingPlacer(settings, layout);
        List<SceneThing> things = new ArrayList<>();
        int distractors = random.nextInt(settings.maxDistractors() + 1);
        for (int i = 0; i < distractors; i++) {
            things.add(placer.distractor(random.split()));
        }
        int objects = random.nextInt(settings.minObjects(), settings.maxObjects() + 1);
        for (int i = 0; i < objects; i++) {
            SceneClass sceneClass =
                    settings.classes().get(random.nextInt(settings.classes().size()));
            Sprite sprite = sceneClass.painter.paint(random.split(), random.nextDouble(2 * Math.PI));
            things.add(placer.object(sceneClass, sprite, random.nextBoolean(), i, random.split()));
        }
        CameraEffects camera = new CameraEffects(settings.camera(), random.split());
        return new FrameRenderer(settings).renderStill(layout, things, camera, random.split());
    }

    /**
     * Video number {@code index} (independent of the stills): one camera view, objects walking and driving across
     * it.
     *
     * @param frames how many frames
     * @param fps frames per second (sets how far things move between frames)
     */
    public SyntheticVideo video(long index, int frames, double fps) {
        return new SyntheticVideo(settings, Seeds.mix(~seed, index), frames, fps);
    }
}
