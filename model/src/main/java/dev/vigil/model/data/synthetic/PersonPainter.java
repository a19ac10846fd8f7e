package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.util.SplittableRandom;

/** A standing or walking person seen from the front, about 1:2.5 to 1:3 wide to tall; 1 unit tall. */
final class PersonPainter implements SpritePainter {

    private static final Color[] SKIN = {
        new Color(255, 219, 172),
        new Color(241, 194, 125),
        new Color(224, 172, 105),
        new Color(198, 134, 66),
        new Color(141, 85, 36)
    };
    private static final Color[] HAIR = {
        new Color(30, 25, 20), new Color(90, 60, 30), new Color(200, 170, 90), new Color(150, 150, 150)
    };
    private static final Color[] TROUSERS = {
        new Color(40, 60, 110),
        new Color(30, 30, 35),
        new Color(90, 90, 95),
        new Color(170, 150, 110),
        new Color(70, 50, 40)
    };
    /** Seen from the front a stride barely spreads the feet. */
    private static final double MAX_LEG_SWING = Math.toRadians(12);

    private static final double MAX_HAND_SWAY = 0.02;

    @Override
    public Sprite paint(SplittableRandom look, double phase) {
        Color skin = Palette.pick(look, SKIN);
        Color hair = Palette.pick(look, HAIR);
        Color shirt = Palette.hue(look, 0.3f, 0.9f, 0.35f, 0.95f);
        Color trousers = Palette.vary(look, Palette.pick(look, TROUSERS), 15);
        Color shoes = Palette.shade(trousers, 0.5);
        double shoulder = 0.09 + look.nextDouble() * 0.025;
        double hip = 0.52 + look.nextDouble() * 0.03;
        double limb = 0.075 + look.nextDouble() * 0.02;
        double legLength = 0.97 - hip;
        double legSwing = MAX_LEG_SWING * StrictMath.sin(phase);
        double dx = StrictMath.sin(legSwing) * legLength;
        double footY = hip + StrictMath.cos(legSwing) * legLength;
        Sprite.Builder person = new Sprite.Builder()
                .bar(-0.05, hip, -0.05 - dx, footY, limb, trousers)
                .bar(0.05, hip, 0.05 + dx, footY, limb, trousers)
                .rect(-0.05 - dx - limb * 0.8, footY - 0.01, limb * 1.4, 0.04, shoes)
                .rect(0.05 + dx - limb * 0.6, footY - 0.01, limb * 1.4, 0.04, shoes);
        double handX = shoulder + 0.025 + MAX_HAND_SWAY * StrictMath.sin(phase);
        double handY = 0.52;
        person.bar(-shoulder, 0.19, -handX, handY, limb * 0.8, shirt)
                .bar(shoulder, 0.19, handX, handY, limb * 0.8, shirt)
                .ellipse(-handX, handY, limb * 0.45, limb * 0.5, skin)
                .ellipse(handX, handY, limb * 0.45, limb * 0.5, skin)
                .roundRect(-shoulder - 0.02, 0.16, 2 * shoulder + 0.04, hip - 0.14, 0.06, shirt)
                .rect(-0.025, 0.12, 0.05, 0.05, skin)
                .ellipse(0, 0.075, 0.06, 0.075, skin)
                .ellipse(0, 0.04, 0.062, 0.04, hair);
        return person.build();
    }
}
