package dev.vigil.model.roi;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ChannelsLastFeaturesTest {

    @Test
    void channelsLastCopyPutsAPixelsChannelsSideBySide() {
        try (NDManager m = NDManager.newBaseManager()) {
            // value = 1000 b + 100 c + 10 y + x on a 2×3×2×4 map, as float64 to check the conversion too
            double[] nchw = new double[2 * 3 * 2 * 4];
            int i = 0;
            for (int b = 0; b < 2; b++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 2; y++) {
                        for (int x = 0; x < 4; x++) {
                            nchw[i++] = 1000 * b + 100 * c + 10 * y + x;
                        }
                    }
                }
            }
            ChannelsLastFeatures copy = ChannelsLastFeatures.copyOf(m.create(nchw, new Shape(2, 3, 2, 4)));

            assertThat(copy.channels()).isEqualTo(3);
            assertThat(copy.height()).isEqualTo(2);
            assertThat(copy.width()).isEqualTo(4);
            for (int b = 0; b < 2; b++) {
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 4; x++) {
                        for (int c = 0; c < 3; c++) {
                            assertThat(copy.channelsAt(copy.pixel(b, y, x))[c])
                                    .isEqualTo(1000 * b + 100 * c + 10 * y + x);
                        }
                    }
                }
            }
        }
    }
}
