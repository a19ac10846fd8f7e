package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SsdBoxDecoderTest {

    private static final SsdAnchors ANCHORS = SsdAnchors.generate(SsdAnchorConfig.mobileNetV2());
    private static final SsdBoxDecoder DECODER = SsdBoxDecoder.defaults();

    @Test
    void zeroCodeGivesTheAnchorItself() {
        int anchor = 1083 + 6 * 23 + 3; // second layer, row 2, column 3, ratio 3
        float[] corners = new float[4];
        DECODER.decode(new float[ANCHORS.count() * 4], ANCHORS, anchor, corners, 0);
        float y = 2.5f / 10;
        float x = 3.5f / 10;
        float h = (float) (0.35 / Math.sqrt(3));
        float w = (float) (0.35 * Math.sqrt(3));
        assertThat(corners).containsExactly(new float[] {x - w / 2, y - h / 2, x + w / 2, y + h / 2}, within(1e-6f));
    }

    @Test
    void codesAreYFirstAndDividedByTenTenFiveFive() {
        int anchor = 0; // centre (0.5/19, 0.5/19), 0.1 × 0.1
        float[] codes = new float[ANCHORS.count() * 4];
        codes[0] = 10f; // ty: one anchor height down
        codes[1] = 0f;
        codes[2] = 5f * (float) Math.log(2); // th: twice as high
        codes[3] = 0f;
        float[] corners = new float[4];
        DECODER.decode(codes, ANCHORS, anchor, corners, 0);
        float c = 0.5f / 19;
        assertThat(corners)
                .containsExactly(new float[] {c - 0.05f, c + 0.1f - 0.1f, c + 0.05f, c + 0.1f + 0.1f}, within(1e-6f));
    }

    /** Boxes coded with the API's FasterRcnnBoxCoder.encode (written out here) decode back to themselves. */
    @Test
    void decodingInvertsTheApisEncoding() {
        float[][] boxes = {{0.10f, 0.20f, 0.35f, 0.90f}, {0.62f, 0.05f, 0.70f, 0.15f}, {0f, 0f, 1f, 1f}};
        int[] anchorsUsed = {17, 1200, 1916};
        float[] codes = new float[ANCHORS.count() * 4];
        for (int i = 0; i < boxes.length; i++) {
            int a = anchorsUsed[i];
            float[] b = boxes[i]; // x1, y1, x2, y2
            double yc = (b[1] + b[3]) / 2.0;
            double xc = (b[0] + b[2]) / 2.0;
            double h = b[3] - b[1];
            double w = b[2] - b[0];
            codes[a * 4] = (float) ((yc - ANCHORS.yCentre(a)) / ANCHORS.height(a) * 10);
            codes[a * 4 + 1] = (float) ((xc - ANCHORS.xCentre(a)) / ANCHORS.width(a) * 10);
            codes[a * 4 + 2] = (float) (Math.log(h / ANCHORS.height(a)) * 5);
            codes[a * 4 + 3] = (float) (Math.log(w / ANCHORS.width(a)) * 5);
        }
        float[] decoded = new float[boxes.length * 4];
        for (int i = 0; i < boxes.length; i++) {
            DECODER.decode(codes, ANCHORS, anchorsUsed[i], decoded, i * 4);
        }
        for (int i = 0; i < boxes.length; i++) {
            assertThat(new float[] {decoded[i * 4], decoded[i * 4 + 1], decoded[i * 4 + 2], decoded[i * 4 + 3]})
                    .as("box %d", i)
                    .containsExactly(boxes[i], within(1e-5f));
        }
    }

    @Test
    void refusesNonPositiveScales() {
        assertThatThrownBy(() -> new SsdBoxDecoder(10, 0, 5, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scales must be positive");
    }
}
