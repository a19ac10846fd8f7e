package dev.vigil.model.data.synthetic;

import java.util.SplittableRandom;

/** Picks where things stand in a layout: on the ground, at the size perspective gives them there. */
final class ThingPlacer {

    /** Real sizes vary by up to this fraction around a class's typical height. */
    static final double SIZE_JITTER = 0.15;
    /** Distractors stand at least this far (fraction of the ground's depth) below the horizon. */
    private static final double MIN_DISTRACTOR_DEPTH = 0.05;

    private final SceneSettings settings;
    private final SceneLayout layout;

    ThingPlacer(SceneSettings settings, SceneLayout layout) {
        this.settings = settings;
        this.layout = layout;
    }

    /** An unlabelled thing anywhere on the ground; it may be cut by the image's edges. */
    SceneThing distractor(SplittableRandom random) {
        Distractor kind = Distractor.values()[random.nextInt(Distractor.values().length)];
        Sprite sprite = kind.paint(random.split(), 0);
        double ground = settings.height() - layout.horizonY();
        double footY =
                random.nextDouble(layout.horizonY() + ground * MIN_DISTRACTOR_DEPTH, settings.height() + ground * 0.1);
        double height = kind.realHeight * jitter(random) * layout.pixelsPerMetre(footY);
        return new SceneThing(
                PlacedSprite.standing(
                        sprite, random.nextDouble(0, settings.width()), footY, height, random.nextBoolean()),
                null,
                -1);
    }

    /**
     * A labelled object wholly inside the image, its height log-uniform between the settings' minimum and the most
     * its class reaches in this view, standing on the row that perspective gives that height.
     *
     * @param sprite the object as painted
     * @param mirrored facing −x
     */
    SceneThing object(SceneClass sceneClass, Sprite sprite, boolean mirrored, int trackId, SplittableRandom random) {
        double aspect = sprite.bounds().getWidth() / sprite.bounds().getHeight();
        double tallest = Math.min(
                Math.min(settings.maxObjectHeight(), settings.width() / aspect),
                layout.pixelsPerMetre(settings.height()) * sceneClass.realHeight);
        double height = logUniform(random, settings.minObjectHeight(), Math.max(settings.minObjectHeight(), tallest));
        double footY = layout.footYFor(sceneClass.realHeight * jitter(random), height);
        footY = Math.min(settings.height(), Math.max(height, footY));
        double halfWidth = height * aspect / 2;
        double centerX = halfWidth >= settings.width() / 2.0
                ? settings.width() / 2.0
                : random.nextDouble(halfWidth, settings.width() - halfWidth);
        return new SceneThing(PlacedSprite.standing(sprite, centerX, footY, height, mirrored), sceneClass, trackId);
    }

    static double jitter(SplittableRandom random) {
        return random.nextDouble(1 - SIZE_JITTER, 1 + SIZE_JITTER);
    }

    private static double logUniform(SplittableRandom random, double min, double max) {
        return min >= max ? max : StrictMath.exp(random.nextDouble(StrictMath.log(min), StrictMath.log(max)));
    }
}
