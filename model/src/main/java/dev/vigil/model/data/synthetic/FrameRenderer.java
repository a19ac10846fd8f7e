package dev.vigil.model.data.synthetic;

import dev.vigil.model.data.GroundTruthBox;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Paints things on a layout far to near, applies the camera's look and derives the ground truth. */
final class FrameRenderer {

    private final SceneSettings settings;

    FrameRenderer(SceneSettings settings) {
        this.settings = settings;
    }

    /**
     * Stills: labelled things showing less than {@link SceneSettings#minVisibleFraction()} are taken out of the
     * scene (the least visible first, until all left show enough), so every drawn object is labelled.
     */
    SyntheticImage renderStill(
            SceneLayout layout, List<SceneThing> things, CameraEffects camera, SplittableRandom noise) {
        List<SceneThing> kept = farToNear(things);
        while (true) {
            double[] visible = fractions(kept);
            int worst = -1;
            for (int i = 0; i < kept.size(); i++) {
                if (kept.get(i).labelled()
                        && visible[i] < settings.minVisibleFraction()
                        && (worst < 0 || visible[i] < visible[worst])) {
                    worst = i;
                }
            }
            if (worst < 0) {
                return paint(layout, kept, visible, camera, noise);
            }
            kept.remove(worst);
        }
    }

    /**
     * Video frames: every thing stays; objects showing too little, or smaller than
     * {@link SceneSettings#minObjectHeight()}, are labelled crowd (ignored by evaluation).
     */
    SyntheticImage renderFrame(
            SceneLayout layout, List<SceneThing> things, CameraEffects camera, SplittableRandom noise) {
        List<SceneThing> ordered = farToNear(things);
        return paint(layout, ordered, fractions(ordered), camera, noise);
    }

    private SyntheticImage paint(
            SceneLayout layout,
            List<SceneThing> ordered,
            double[] visible,
            CameraEffects camera,
            SplittableRandom noise) {
        BufferedImage frame = layout.newFrame();
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            ordered.forEach(thing -> thing.sprite().paintShadow(g));
            ordered.forEach(thing -> thing.sprite().paint(g));
        } finally {
            g.dispose();
        }
        camera.apply(frame, noise);
        List<SceneObject> objects = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            SceneThing thing = ordered.get(i);
            Rectangle2D box = thing.sprite()
                    .box()
                    .createIntersection(new Rectangle2D.Double(0, 0, settings.width(), settings.height()));
            if (!thing.labelled() || visible[i] == 0 || box.isEmpty()) {
                continue;
            }
            boolean ignored =
                    visible[i] < settings.minVisibleFraction() || box.getHeight() < settings.minObjectHeight();
            float x1 = (float) box.getMinX();
            float y1 = (float) box.getMinY();
            float x2 = (float) box.getMaxX();
            float y2 = (float) box.getMaxY();
            objects.add(new SceneObject(
                    thing.sceneClass(),
                    new GroundTruthBox(
                            x1,
                            y1,
                            x2,
                            y2,
                            settings.categoryId(thing.sceneClass()),
                            ignored,
                            (double) (x2 - x1) * (y2 - y1),
                            1f),
                    visible[i],
                    thing.trackId()));
        }
        return new SyntheticImage(frame, objects);
    }

    private double[] fractions(List<SceneThing> ordered) {
        return Visibility.fractions(
                ordered.stream().map(SceneThing::sprite).toList(), settings.width(), settings.height());
    }

    private static List<SceneThing> farToNear(List<SceneThing> things) {
        List<SceneThing> ordered = new ArrayList<>(things);
        ordered.sort(Comparator.comparingDouble(thing -> thing.sprite().footY()));
        return ordered;
    }
}
