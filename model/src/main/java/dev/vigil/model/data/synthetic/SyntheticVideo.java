package dev.vigil.model.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed camera view with objects moving across it: people and dogs walk (some towards or away from the camera),
 * cars and bicycles drive along the ground's rows, bags stay put. Frame {@code t} is always the same for a seed;
 * an object keeps its look and {@link SceneObject#trackId()} in every frame it is in.
 */
public final class SyntheticVideo {

    /** Walking objects that also move in depth, and how fast compared with across. */
    private static final double DEPTH_WALKER_SHARE = 0.3;

    private static final double DEPTH_SPEED_RATIO = 0.35;
    /** Metres one stride (a full animation cycle) covers. */
    private static final double STRIDE = 1.4;
    /** Tracks per requested object: more for longer videos, as objects leave and others come. */
    private static final double SECONDS_PER_EXTRA_TRACK_SET = 5;

    /** One object's motion: where it is at time 0 and how it moves in image pixels. */
    private record Track(
            int id,
            SceneClass sceneClass,
            long lookSeed,
            double centerX,
            double footY,
            double realHeight,
            double velocityX,
            double velocityFootY,
            double phase) {}

    private final SceneSettings settings;
    private final long seed;
    private final int frames;
    private final double fps;
    private final SceneLayout layout;
    private final List<SceneThing> distractors = new ArrayList<>();
    private final List<Track> tracks = new ArrayList<>();
    private final CameraEffects camera;

    SyntheticVideo(SceneSettings settings, long seed, int frames, double fps) {
        if (frames <= 0 || !(fps > 0)) {
            throw new IllegalArgumentException(
                    "a video needs frames > 0 and fps > 0, got " + frames + " frames at " + fps + " fps");
        }
        this.settings = settings;
        this.seed = seed;
        this.frames = frames;
        this.fps = fps;
        SplittableRandom random = new SplittableRandom(seed);
        layout = SceneLayout.random(settings, random.split());
        ThingPlacer placer = new ThingPlacer(settings, layout);
        int distractorCount = random.nextInt(settings.maxDistractors() + 1);
        for (int i = 0; i < distractorCount; i++) {
            distractors.add(placer.distractor(random.split()));
        }
        double seconds = frames / fps;
        int objects = random.nextInt(settings.minObjects(), settings.maxObjects() + 1);
        int trackCount = (int) Math.ceil(objects * (1 + seconds / SECONDS_PER_EXTRA_TRACK_SET));
        for (int id = 0; id < trackCount; id++) {
            tracks.add(track(id, placer, seconds, random.split()));
        }
        camera = new CameraEffects(settings.camera(), random.split());
    }

    public int frameCount() {
        return frames;
    }

    public double fps() {
        return fps;
    }

    /** Frame {@code index} (0-based). */
    public SyntheticImage frame(int index) {
        if (index < 0 || index >= frames) {
            throw new IndexOutOfBoundsException("frame " + index + " of a " + frames + "-frame video");
        }
        double time = index / fps;
        List<SceneThing> things = new ArrayList<>(distractors);
        for (Track track : tracks) {
            double footY = track.footY() + track.velocityFootY() * time;
            double height = track.realHeight() * layout.pixelsPerMetre(footY);
            if (height <= 0) {
                continue;
            }
            double metres = Math.abs(track.velocityX()) * time / layout.pixelsPerMetre(track.footY());
            Sprite sprite = track.sceneClass()
                    .painter
                    .paint(new SplittableRandom(track.lookSeed()), track.phase() + 2 * Math.PI * metres / STRIDE);
            things.add(new SceneThing(
                    PlacedSprite.standing(
                            sprite, track.centerX() + track.velocityX() * time, footY, height, track.velocityX() < 0),
                    track.sceneClass(),
                    track.id()));
        }
        return new FrameRenderer(settings)
                .renderFrame(layout, things, camera, new SplittableRandom(Seeds.mix(seed, index)));
    }

    /**
     * An object placed as in a still, then moving across at its class's speed; its start is spread over the span
     * that brings it into view at some time during the video.
     */
    private Track track(int id, ThingPlacer placer, double seconds, SplittableRandom random) {
        SceneClass sceneClass =
                settings.classes().get(random.nextInt(settings.classes().size()));
        long lookSeed = random.nextLong();
        double phase = random.nextDouble(2 * Math.PI);
        SceneThing still = placer.object(
                sceneClass, sceneClass.painter.paint(new SplittableRandom(lookSeed), phase), false, id, random);
        double footY = still.sprite().footY();
        double height = still.sprite().box().getHeight();
        double realHeight = height / layout.pixelsPerMetre(footY);
        double speed = sceneClass.speed * ThingPlacer.jitter(random) * layout.pixelsPerMetre(footY);
        double direction = random.nextBoolean() ? 1 : -1;
        double velocityX = direction * speed;
        double velocityFootY = 0;
        boolean walker = sceneClass == SceneClass.PERSON || sceneClass == SceneClass.DOG;
        if (walker && random.nextDouble() < DEPTH_WALKER_SHARE) {
            velocityFootY = (footY - layout.horizonY() > (settings.height() - layout.horizonY()) / 2 ? -1 : 1)
                    * speed
                    * DEPTH_SPEED_RATIO;
            velocityX *= Math.sqrt(1 - DEPTH_SPEED_RATIO * DEPTH_SPEED_RATIO);
        }
        double travelled = Math.abs(velocityX) * seconds;
        double centerX =
                still.sprite().box().getCenterX() - (travelled == 0 ? 0 : direction * random.nextDouble(0, travelled));
        return new Track(id, sceneClass, lookSeed, centerX, footY, realHeight, velocityX, velocityFootY, phase);
    }
}
