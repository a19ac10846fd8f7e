package dev.vigil.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.vigil.model.media.VideoReader;
import dev.vigil.stream.testing.TestVideos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The still scenes of `bench cameras --still-scene`, decoded again: where their movers are. */
class SyntheticClipTest {

    static final int FRAMES = 40;

    @TempDir
    Path tmp;

    @Test
    void aClipStartedLaterInTheLoopShowsTheSameMoversThatManyFramesEarlier() throws Exception {
        Path footage = TestVideos.mp4(tmp.resolve("footage.mp4"), 3, 25, 320, 240);
        Set<Integer> inStep = movingFrames(SyntheticClip.still(tmp.resolve("a.mp4"), footage, FRAMES, 5, 0));
        int offset = 13;
        Set<Integer> later = movingFrames(SyntheticClip.still(tmp.resolve("b.mp4"), footage, FRAMES, 5, offset));

        assertThat(inStep.size())
                .as("frames with a mover: %s", inStep)
                .isEqualTo((int) Math.round(FRAMES * SyntheticClip.STILL_CLIP_MOVING_SHARE / 2) * 2);
        Set<Integer> shifted = new TreeSet<>();
        inStep.forEach(frame -> shifted.add(Math.floorMod(frame - offset, FRAMES)));
        assertThat(later).isEqualTo(shifted).isNotEqualTo(inStep);
    }

    @Test
    void anOffsetOutsideTheLoopIsRefused() {
        assertThatThrownBy(() -> SyntheticClip.still(tmp.resolve("c.mp4"), tmp.resolve("none.mp4"), FRAMES, 5, FRAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.." + (FRAMES - 1));
    }

    /** The frames that differ from the clip's still background: each pixel's median over the loop. */
    private static Set<Integer> movingFrames(Path clip) throws Exception {
        List<byte[]> greys = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(clip);
                Mat grey = new Mat()) {
            for (VideoReader.DecodedFrame frame = reader.next(); frame != null; frame = reader.next()) {
                cvtColor(frame.bgr(), grey, COLOR_BGR2GRAY);
                byte[] pixels = new byte[grey.rows() * grey.cols()];
                grey.data().get(pixels);
                greys.add(pixels);
            }
        }
        assertThat(greys).hasSize(FRAMES);
        int size = greys.get(0).length;
        int[] background = new int[size];
        int[] column = new int[FRAMES];
        for (int p = 0; p < size; p++) {
            for (int f = 0; f < FRAMES; f++) {
                column[f] = greys.get(f)[p] & 0xFF;
            }
            Arrays.sort(column);
            background[p] = column[FRAMES / 2];
        }
        Set<Integer> moving = new TreeSet<>();
        for (int f = 0; f < FRAMES; f++) {
            int changed = 0;
            for (int p = 0; p < size; p++) {
                if (Math.abs((greys.get(f)[p] & 0xFF) - background[p]) > 40) {
                    changed++;
                }
            }
            if (changed > 50) {
                moving.add(f);
            }
        }
        return moving;
    }
}
