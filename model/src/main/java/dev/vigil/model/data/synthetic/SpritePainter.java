package dev.vigil.model.data.synthetic;

import java.util.SplittableRandom;

/** Draws one kind of thing. */
interface SpritePainter {

    /**
     * @param look draws the appearance: the same sequence gives the same look, so a moving thing keeps it
     * @param phase animation phase in radians (a walker's stride); still things ignore it
     */
    Sprite paint(SplittableRandom look, double phase);
}
