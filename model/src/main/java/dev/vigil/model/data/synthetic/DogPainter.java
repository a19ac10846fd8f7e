package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.util.SplittableRandom;

/** A dog seen from the side, facing +x, about 1.3:1 wide to tall; 1 unit tall. */
final class DogPainter implements SpritePainter {

    private static final Color[] COAT = {
        new Color(140, 90, 45),
        new Color(30, 25, 22),
        new Color(235, 230, 220),
        new Color(210, 160, 80),
        new Color(130, 130, 130),
        new Color(90, 55, 30)
    };
    private static final double MAX_LEG_SWING = Math.toRadians(22);

    @Override
    public Sprite paint(SplittableRandom look, double phase) {
        Color coat = Palette.vary(look, Palette.pick(look, COAT), 15);
        Color dark = Palette.shade(coat, 0.6);
        double bodyHalf = 0.38 + look.nextDouble() * 0.08;
        double leg = 0.085;
        double legLength = 0.42;
        double swing = MAX_LEG_SWING * StrictMath.sin(phase);
        Sprite.Builder dog = new Sprite.Builder()
                .bar(-bodyHalf + 0.02, 0.45, -bodyHalf - 0.16, 0.22 - 0.05 * StrictMath.sin(2 * phase), 0.06, coat);
        for (double x : new double[] {-bodyHalf + 0.1, bodyHalf - 0.1}) {
            dog.bar(
                            x - 0.04,
                            0.55,
                            x - 0.04 + StrictMath.sin(swing) * legLength,
                            0.55 + StrictMath.cos(swing) * legLength,
                            leg,
                            dark)
                    .bar(
                            x + 0.04,
                            0.55,
                            x + 0.04 - StrictMath.sin(swing) * legLength,
                            0.55 + StrictMath.cos(swing) * legLength,
                            leg,
                            coat);
        }
        dog.ellipse(0, 0.5, bodyHalf, 0.17, coat)
                .bar(bodyHalf - 0.08, 0.45, bodyHalf + 0.08, 0.25, 0.14, coat)
                .ellipse(bodyHalf + 0.12, 0.2, 0.14, 0.12, coat)
                .ellipse(bodyHalf + 0.27, 0.25, 0.08, 0.055, coat)
                .ellipse(bodyHalf + 0.34, 0.23, 0.025, 0.02, new Color(15, 15, 15))
                .polygon(dark, bodyHalf + 0.02, 0.14, bodyHalf + 0.08, 0.0, bodyHalf + 0.14, 0.12)
                .ellipse(bodyHalf + 0.17, 0.17, 0.018, 0.018, new Color(15, 15, 15));
        return dog.build();
    }
}
