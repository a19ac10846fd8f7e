package dev.vigil.model.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DetectedObject;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoxDrawerTest {

    static final DetectedObject PERSON_LEFT = new DetectedObject(1, "person", 0.9f, 20, 40, 60, 120);
    static final DetectedObject PERSON_RIGHT = new DetectedObject(1, "person", 0.9f, 120, 40, 160, 120);

    static BufferedImage grey() {
        BufferedImage image = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 200; x++) {
                image.setRGB(x, y, 0x808080);
            }
        }
        return image;
    }

    /** The colour of a box's left edge, half way down. */
    static int edge(BufferedImage image, DetectedObject box) {
        return image.getRGB(Math.round(box.x1()), Math.round((box.y1() + box.y2()) / 2)) & 0xFFFFFF;
    }

    /** How far right the label's background reaches on the row just above the box's top edge. */
    static int labelEnd(BufferedImage image, DetectedObject box) {
        int y = Math.round(box.y1()) - 2;
        int x = Math.round(box.x1());
        while (x < image.getWidth() && (image.getRGB(x, y) & 0xFFFFFF) != 0x808080) {
            x++;
        }
        return x;
    }

    @Test
    void untrackedBoxesOfOneClassShareTheClassColour() {
        BufferedImage drawn = BoxDrawer.draw(grey(), List.of(PERSON_LEFT, PERSON_RIGHT));
        assertThat(edge(drawn, PERSON_LEFT)).isNotEqualTo(0x808080).isEqualTo(edge(drawn, PERSON_RIGHT));
    }

    @Test
    void trackedBoxesTakeTheirTracksColourAndShowTheTrackId() {
        BufferedImage tracked = BoxDrawer.drawTracked(
                grey(),
                List.of(new BoxDrawer.TrackedBox(PERSON_LEFT, 12L), new BoxDrawer.TrackedBox(PERSON_RIGHT, 13L)));
        assertThat(edge(tracked, PERSON_LEFT))
                .as("two objects of one class, two colours")
                .isNotEqualTo(edge(tracked, PERSON_RIGHT));

        BufferedImage again = BoxDrawer.drawTracked(grey(), List.of(new BoxDrawer.TrackedBox(PERSON_RIGHT, 12L)));
        assertThat(edge(again, PERSON_RIGHT))
                .as("track 12 keeps its colour wherever it goes")
                .isEqualTo(edge(tracked, PERSON_LEFT));

        BufferedImage untracked = BoxDrawer.draw(grey(), List.of(PERSON_LEFT));
        assertThat(labelEnd(tracked, PERSON_LEFT))
                .as("'#12 person 0.90' is longer than 'person 0.90'")
                .isGreaterThan(labelEnd(untracked, PERSON_LEFT) + 10);
    }
}
