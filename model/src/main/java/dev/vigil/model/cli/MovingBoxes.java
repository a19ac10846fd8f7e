package dev.vigil.model.cli;

import dev.vigil.model.track.DetectedBox;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A benchmark scene for trackers: objects (people and cars, classes 1 and 2) moving at constant speed and bouncing off
 * the frame's edges, seen by a detector that jitters their boxes, sometimes misses them, sometimes scores them low, and
 * adds false positives. Deterministic from its seed.
 */
public final class MovingBoxes {

    public static final int WIDTH = 1920;
    public static final int HEIGHT = 1080;
    private static final double MISS_RATE = 0.05;
    private static final double LOW_SCORE_RATE = 0.1;
    private static final double JITTER_PX = 2;

    private final SplittableRandom random;
    private final List<Mover> movers = new ArrayList<>();
    private final int falsePositives;

    /** One moving object of the scene. */
    private static final class Mover {
        double x;
        double y;
        double vx;
        double vy;
        final double width;
        final double height;
        final int classId;

        Mover(SplittableRandom random) {
            classId = random.nextInt(1, 3);
            height = classId == 1 ? random.nextDouble(40, 160) : random.nextDouble(60, 140);
            width = classId == 1 ? height * random.nextDouble(0.3, 0.5) : height * random.nextDouble(1.5, 2.5);
            x = random.nextDouble(0, WIDTH - width);
            y = random.nextDouble(0, HEIGHT - height);
            vx = random.nextDouble(-6, 6);
            vy = random.nextDouble(-2, 2);
        }

        void step() {
            x += vx;
            y += vy;
            if (x < 0 || x + width > WIDTH) {
                vx = -vx;
            }
            if (y < 0 || y + height > HEIGHT) {
                vy = -vy;
            }
        }
    }

    /**
     * @param objects objects in view at once
     * @param falsePositives false detections per frame, at random places
     */
    public MovingBoxes(int objects, int falsePositives, long seed) {
        if (objects < 0 || falsePositives < 0) {
            throw new IllegalArgumentException("objects and false positives must be >= 0");
        }
        this.random = new SplittableRandom(seed);
        this.falsePositives = falsePositives;
        for (int i = 0; i < objects; i++) {
            movers.add(new Mover(random));
        }
    }

    /** The detections of the current frame; then the objects move on one frame. */
    public List<DetectedBox> nextFrame() {
        List<DetectedBox> detections = new ArrayList<>();
        for (Mover m : movers) {
            if (random.nextDouble() < MISS_RATE) {
                continue;
            }
            float score = (float)
                    (random.nextDouble() < LOW_SCORE_RATE
                            ? random.nextDouble(0.15, 0.5)
                            : random.nextDouble(0.6, 0.99));
            double x1 = m.x + random.nextDouble(-JITTER_PX, JITTER_PX);
            double y1 = m.y + random.nextDouble(-JITTER_PX, JITTER_PX);
            detections.add(new DetectedBox(
                    m.classId, score, (float) x1, (float) y1, (float) (x1 + m.width), (float) (y1 + m.height)));
        }
        for (int i = 0; i < falsePositives; i++) {
            double x = random.nextDouble(0, WIDTH - 50);
            double y = random.nextDouble(0, HEIGHT - 100);
            detections.add(new DetectedBox(
                    1, (float) random.nextDouble(0.2, 0.8), (float) x, (float) y, (float) x + 40, (float) y + 100));
        }
        movers.forEach(Mover::step);
        return detections;
    }
}
