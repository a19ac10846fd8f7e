package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.util.SplittableRandom;

/** A bicycle seen from the side, facing +x, about 1.6:1 wide to tall; 1 unit tall. */
final class BicyclePainter implements SpritePainter {

    private static final Color TYRE = new Color(25, 25, 25);

    @Override
    public Sprite paint(SplittableRandom look, double phase) {
        Color frame = Palette.hue(look, 0.5f, 1f, 0.3f, 0.95f);
        double wheel = 0.3 + look.nextDouble() * 0.04;
        double axle = 0.47 + look.nextDouble() * 0.06;
        double hubY = 1 - wheel;
        double tube = 0.045;
        double seatX = -0.14;
        double seatY = 0.22;
        double headX = axle - 0.15;
        double headY = 0.2;
        double crankX = 0.0;
        Sprite.Builder bike = new Sprite.Builder()
                .ring(-axle, hubY, wheel, 0.06, TYRE)
                .ring(axle, hubY, wheel, 0.06, TYRE)
                .bar(-axle, hubY, crankX, hubY, tube, frame)
                .bar(-axle, hubY, seatX, seatY, tube, frame)
                .bar(crankX, hubY, seatX, seatY, tube, frame)
                .bar(seatX, seatY + 0.03, headX, headY + 0.03, tube, frame)
                .bar(crankX, hubY, headX, headY, tube, frame)
                .bar(axle, hubY, headX, headY, tube, frame)
                .bar(headX, headY, headX - 0.03, 0.03, tube, frame)
                .bar(headX - 0.1, 0.03, headX + 0.05, 0.03, tube * 1.2, TYRE)
                .rect(seatX - 0.1, seatY - 0.04, 0.17, 0.045, TYRE)
                .bar(
                        crankX - 0.08 * StrictMath.cos(phase),
                        hubY - 0.08 * StrictMath.sin(phase),
                        crankX + 0.08 * StrictMath.cos(phase),
                        hubY + 0.08 * StrictMath.sin(phase),
                        tube,
                        TYRE);
        return bike.build();
    }
}
