package dev.vigil.stream.detect.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.image.ImageSize;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The frame difference on hand-made grey pictures: the pixel delta, the regions, their area. */
class MotionCheckTest {

    static final int W = 40;
    static final int H = 30;
    final MotionCheck check = new MotionCheck(25, 10);

    static GreyPicture flat(int level) {
        byte[] grey = new byte[W * H];
        Arrays.fill(grey, (byte) level);
        return new GreyPicture(W, H, grey, new ImageSize(H * 4, W * 4));
    }

    static GreyPicture with(GreyPicture picture, int x0, int y0, int w, int h, int level) {
        byte[] grey = picture.grey().clone();
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                grey[y * W + x] = (byte) level;
            }
        }
        return new GreyPicture(W, H, grey, picture.source());
    }

    @Test
    void theSamePictureDidNotMove() {
        MotionCheck.Motion motion = check.compare(flat(100), flat(100));
        assertThat(motion).isEqualTo(new MotionCheck.Motion(0, 0, false));
    }

    @Test
    void aRegionAsLargeAsTheMinimumAreaMoved() {
        GreyPicture before = flat(100);
        MotionCheck.Motion motion = check.compare(before, with(before, 10, 10, 2, 5, 200));
        assertThat(motion).isEqualTo(new MotionCheck.Motion(10, 10, true));
    }

    @Test
    void aRegionSmallerThanTheMinimumAreaDidNotMove() {
        GreyPicture before = flat(100);
        MotionCheck.Motion motion = check.compare(before, with(before, 10, 10, 3, 3, 200));
        assertThat(motion).isEqualTo(new MotionCheck.Motion(9, 9, false));
    }

    @Test
    void changedPixelsApartAreRegionsOfTheirOwnAndDiagonalNeighboursJoin() {
        GreyPicture before = flat(100);
        GreyPicture scattered = before;
        for (int i = 0; i < 12; i++) {
            scattered = with(scattered, 2 + 3 * i, 2 + (i % 2) * 10, 1, 1, 0); // twelve isolated specks
        }
        assertThat(check.compare(before, scattered)).isEqualTo(new MotionCheck.Motion(12, 1, false));

        GreyPicture diagonal = before;
        for (int i = 0; i < 10; i++) {
            diagonal = with(diagonal, 5 + i, 5 + i, 1, 1, 0); // a thin diagonal line: one 8-connected region
        }
        assertThat(check.compare(before, diagonal)).isEqualTo(new MotionCheck.Motion(10, 10, true));
    }

    @Test
    void aChangeOfTheWholePictureBelowTheDeltaIsNoMotion() {
        assertThat(check.compare(flat(100), flat(125))).isEqualTo(new MotionCheck.Motion(0, 0, false));
        assertThat(check.compare(flat(100), flat(126)))
                .as("one level more than the delta")
                .isEqualTo(new MotionCheck.Motion(W * H, W * H, true));
    }

    @Test
    void picturesOfDifferentSizesAreNotCompared() {
        GreyPicture other = new GreyPicture(W + 1, H, new byte[(W + 1) * H], new ImageSize(H, W + 1));
        assertThatThrownBy(() -> check.compare(flat(0), other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("40x30")
                .hasMessageContaining("41x30");
    }
}
