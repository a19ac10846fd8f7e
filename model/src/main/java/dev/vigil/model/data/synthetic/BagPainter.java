package dev.vigil.model.data.synthetic;

import java.awt.Color;
import java.util.SplittableRandom;

/** A left bag or parcel: a cardboard box or a suitcase with a handle, about 1:1; 1 unit tall. */
final class BagPainter implements SpritePainter {

    private static final Color CARDBOARD = new Color(185, 140, 90);
    private static final Color TAPE = new Color(215, 190, 140);

    @Override
    public Sprite paint(SplittableRandom look, double phase) {
        double width = 0.8 + look.nextDouble() * 0.45;
        return look.nextBoolean() ? parcel(look, width) : suitcase(look, width);
    }

    private static Sprite parcel(SplittableRandom look, double width) {
        Color side = Palette.vary(look, CARDBOARD, 20);
        Color top = Palette.shade(side, 1.15);
        double depth = 0.22;
        return new Sprite.Builder()
                .polygon(top, 0, depth, depth * 0.8, 0, width, 0, width - depth * 0.8, depth)
                .rect(0, depth, width - depth * 0.8, 1 - depth, side)
                .polygon(
                        Palette.shade(side, 0.8),
                        width - depth * 0.8,
                        depth,
                        width,
                        0,
                        width,
                        1 - depth,
                        width - depth * 0.8,
                        1)
                .rect((width - depth * 0.8) / 2 - 0.05, depth, 0.1, 1 - depth, TAPE)
                .build();
    }

    private static Sprite suitcase(SplittableRandom look, double width) {
        Color shell = Palette.hue(look, 0.2f, 0.9f, 0.2f, 0.85f);
        double handle = 0.2;
        return new Sprite.Builder()
                .bar(width / 2 - 0.15, handle, width / 2 - 0.15, 0, 0.05, new Color(30, 30, 30))
                .bar(width / 2 + 0.15, handle, width / 2 + 0.15, 0, 0.05, new Color(30, 30, 30))
                .bar(width / 2 - 0.175, 0.025, width / 2 + 0.175, 0.025, 0.05, new Color(30, 30, 30))
                .roundRect(0, handle, width, 1 - handle, 0.12, shell)
                .rect(0.12, handle + 0.05, 0.05, 1 - handle - 0.1, Palette.shade(shell, 0.75))
                .rect(width - 0.17, handle + 0.05, 0.05, 1 - handle - 0.1, Palette.shade(shell, 0.75))
                .build();
    }
}
