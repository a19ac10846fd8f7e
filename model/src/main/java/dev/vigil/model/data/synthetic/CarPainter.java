package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.util.SplittableRandom;

/** A car seen from the side, facing +x, about 2:1 wide to tall; 1 unit tall. */
final class CarPainter implements SpritePainter {

    private static final Color[] BODY = {
        new Color(235, 235, 235),
        new Color(170, 172, 178),
        new Color(25, 25, 30),
        new Color(170, 20, 25),
        new Color(25, 60, 150),
        new Color(20, 80, 45),
        new Color(230, 190, 30),
        new Color(120, 80, 50)
    };
    private static final Color GLASS = new Color(120, 150, 175);
    private static final Color TYRE = new Color(20, 20, 20);
    private static final Color HUB = new Color(160, 160, 165);

    @Override
    public Sprite paint(SplittableRandom look, double phase) {
        Color body = Palette.vary(look, Palette.pick(look, BODY), 12);
        Color glass = Palette.vary(look, GLASS, 20);
        double half = 0.9 + look.nextDouble() * 0.3;
        double roofFront = half * (0.15 + look.nextDouble() * 0.2);
        double roofBack = -half * (0.35 + look.nextDouble() * 0.2);
        double wheel = 0.19 + look.nextDouble() * 0.03;
        double axle = half * 0.62;
        double cabinBottom = 0.42;
        Sprite.Builder car = new Sprite.Builder()
                .polygon(body, roofBack - 0.2, cabinBottom, roofBack, 0, roofFront, 0, roofFront + 0.35, cabinBottom)
                .polygon(
                        glass,
                        roofBack - 0.12,
                        cabinBottom - 0.02,
                        roofBack + 0.03,
                        0.06,
                        -0.03,
                        0.06,
                        -0.03,
                        cabinBottom - 0.02)
                .polygon(
                        glass,
                        0.03,
                        cabinBottom - 0.02,
                        0.03,
                        0.06,
                        roofFront - 0.03,
                        0.06,
                        roofFront + 0.25,
                        cabinBottom - 0.02)
                .roundRect(-half, cabinBottom - 0.04, 2 * half, 0.92 - cabinBottom, 0.15, body)
                .rect(-half * 0.9, 0.6, half * 1.8, 0.03, Palette.shade(body, 0.7))
                .rect(half - 0.06, cabinBottom + 0.04, 0.06, 0.07, new Color(250, 240, 200))
                .rect(-half, cabinBottom + 0.04, 0.05, 0.07, new Color(200, 30, 30));
        for (double x : new double[] {-axle, axle}) {
            car.ellipse(x, 1 - wheel, wheel, wheel, TYRE).ellipse(x, 1 - wheel, wheel * 0.5, wheel * 0.5, HUB);
        }
        return car.build();
    }
}
