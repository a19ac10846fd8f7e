package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.util.SplittableRandom;

/** Unlabelled street furniture and plants: part of the scene, never in the ground truth. */
enum Distractor implements SpritePainter {
    TREE(5.0) {
        @Override
        public Sprite paint(SplittableRandom look, double phase) {
            Color leaves = Palette.vary(look, new Color(50, 100, 40), 25);
            Sprite.Builder tree = new Sprite.Builder().rect(-0.03, 0.4, 0.06, 0.6, new Color(90, 65, 40));
            for (int i = 0; i < 5; i++) {
                tree.ellipse(
                        look.nextDouble(-0.15, 0.15),
                        look.nextDouble(0.15, 0.35),
                        look.nextDouble(0.1, 0.18),
                        look.nextDouble(0.1, 0.15),
                        Palette.shade(leaves, look.nextDouble(0.8, 1.2)));
            }
            return tree.build();
        }
    },
    LAMP_POST(4.0) {
        @Override
        public Sprite paint(SplittableRandom look, double phase) {
            Color metal = Palette.vary(look, new Color(70, 75, 80), 20);
            return new Sprite.Builder()
                    .rect(-0.012, 0.03, 0.024, 0.97, metal)
                    .rect(-0.03, 0.0, 0.11, 0.03, metal)
                    .rect(0.05, 0.03, 0.04, 0.015, new Color(240, 240, 200))
                    .build();
        }
    },
    BUSH(0.9) {
        @Override
        public Sprite paint(SplittableRandom look, double phase) {
            Color leaves = Palette.vary(look, new Color(60, 110, 45), 25);
            Sprite.Builder bush = new Sprite.Builder();
            for (int i = 0; i < 4; i++) {
                bush.ellipse(
                        look.nextDouble(-0.6, 0.6),
                        look.nextDouble(0.45, 0.6),
                        look.nextDouble(0.35, 0.5),
                        0.4,
                        Palette.shade(leaves, look.nextDouble(0.8, 1.2)));
            }
            return bush.build();
        }
    },
    BENCH(0.85) {
        @Override
        public Sprite paint(SplittableRandom look, double phase) {
            Color wood = Palette.vary(look, new Color(120, 80, 45), 20);
            Color legs = new Color(40, 40, 40);
            return new Sprite.Builder()
                    .rect(-1.0, 0.5, 0.06, 0.5, legs)
                    .rect(0.94, 0.5, 0.06, 0.5, legs)
                    .rect(-1.05, 0.0, 2.1, 0.12, wood)
                    .rect(-1.05, 0.18, 2.1, 0.12, wood)
                    .rect(-1.1, 0.45, 2.2, 0.1, wood)
                    .build();
        }
    },
    BIN(1.0) {
        @Override
        public Sprite paint(SplittableRandom look, double phase) {
            Color bin = Palette.vary(look, Palette.pick(look, new Color(40, 90, 50), new Color(80, 80, 85)), 15);
            return new Sprite.Builder()
                    .rect(-0.27, 0.08, 0.54, 0.92, bin)
                    .ellipse(0, 0.08, 0.3, 0.08, Palette.shade(bin, 0.7))
                    .build();
        }
    },
    CONE(0.7) {
        @Override
        public Sprite paint(SplittableRandom look, double phase) {
            Color orange = Palette.vary(look, new Color(240, 110, 20), 15);
            return new Sprite.Builder()
                    .rect(-0.3, 0.93, 0.6, 0.07, orange)
                    .polygon(orange, -0.2, 0.93, -0.04, 0, 0.04, 0, 0.2, 0.93)
                    .polygon(Color.WHITE, -0.13, 0.55, -0.09, 0.35, 0.09, 0.35, 0.13, 0.55)
                    .build();
        }
    };

    /** Metres, for perspective. */
    final double realHeight;

    Distractor(double realHeight) {
        this.realHeight = realHeight;
    }
}
