package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.vigil.model.detector.DetectedObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/**
 * The views of {@link AugmentedTeacher} and how their boxes come back to the image. The teacher here is a test
 * double whose blind spots are known exactly (a real teacher's are not): it boxes white rectangles on black, but
 * only those at least {@link #MIN_SIDE} pixels on the {@link #INPUT}-pixel square it "sees" the image as (as CenterNet
 * sees 512 × 512), and optionally only those in the left half of what it is given.
 */
class AugmentedTeacherTest {

    private static final int INPUT = 64;
    private static final float MIN_SIDE = 3f;
    private static final int WIDTH = 160;
    private static final int HEIGHT = 128;

    /** Boxes white blobs; stands in for a teacher, see the class comment. */
    private static final class RectangleFinder implements Teacher {
        final boolean leftHalfOnly;
        int calls;

        RectangleFinder(boolean leftHalfOnly) {
            this.leftHalfOnly = leftHalfOnly;
        }

        @Override
        public String name() {
            return "rectangles";
        }

        @Override
        public List<String> classNames() {
            return List.of("person");
        }

        @Override
        public List<DetectedObject> detect(Mat image) {
            calls++;
            int w = image.cols();
            int h = image.rows();
            byte[] pixels = new byte[w * h];
            try (Mat copy = image.clone()) {
                copy.data().get(pixels);
            }
            boolean[] seen = new boolean[w * h];
            List<DetectedObject> found = new ArrayList<>();
            for (int start = 0; start < pixels.length; start++) {
                if (seen[start] || pixels[start] == 0) {
                    continue;
                }
                int x1 = w;
                int y1 = h;
                int x2 = -1;
                int y2 = -1;
                ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(start));
                seen[start] = true;
                while (!todo.isEmpty()) {
                    int p = todo.pop();
                    int x = p % w;
                    int y = p / w;
                    x1 = Math.min(x1, x);
                    y1 = Math.min(y1, y);
                    x2 = Math.max(x2, x);
                    y2 = Math.max(y2, y);
                    for (int q : new int[] {p - 1, p + 1, p - w, p + w}) {
                        boolean sameRow = q / w == y || Math.abs(q - p) == w;
                        if (q >= 0 && q < pixels.length && sameRow && !seen[q] && pixels[q] != 0) {
                            seen[q] = true;
                            todo.push(q);
                        }
                    }
                }
                float sideInInput = Math.min((x2 + 1 - x1) * INPUT / (float) w, (y2 + 1 - y1) * INPUT / (float) h);
                boolean left = (x1 + x2 + 1) / 2f < w / 2f;
                if (sideInInput >= MIN_SIDE && (left || !leftHalfOnly)) {
                    found.add(new DetectedObject(1, "person", 0.9f, x1, y1, x2 + 1, y2 + 1));
                }
            }
            return found;
        }

        @Override
        public void close() {}
    }

    private static Mat imageWith(int[]... rectangles) {
        Mat image = new Mat(HEIGHT, WIDTH, opencv_core.CV_8UC1, Scalar.all(0));
        for (int[] r : rectangles) {
            rectangle(image, new Point(r[0], r[1]), new Point(r[2] - 1, r[3] - 1), Scalar.all(255), FILLED, 8, 0);
        }
        return image;
    }

    private static float[] box(DetectedObject d) {
        return new float[] {d.x1(), d.y1(), d.x2(), d.y2()};
    }

    @Test
    void theMirroredViewFindsWhatTheTeacherMissesAndMapsItBack() {
        RectangleFinder finder = new RectangleFinder(true);
        try (Mat image = imageWith(new int[] {20, 30, 40, 70}, new int[] {120, 20, 140, 60});
                AugmentedTeacher teacher =
                        new AugmentedTeacher(finder, EnumSet.of(AugmentedTeacher.View.FLIP), 0.55f)) {
            assertThat(finder.detect(image)).hasSize(1);

            List<DetectedObject> found = teacher.detect(image);

            assertThat(found)
                    .extracting(AugmentedTeacherTest::box)
                    .containsExactlyInAnyOrder(new float[] {20, 30, 40, 70}, new float[] {120, 20, 140, 60});
            // seen by one view or two, each keeps the best score of a view (MAX), not an average lowered by the
            // view that missed it
            assertThat(found).allSatisfy(d -> assertThat(d.score()).isEqualTo(0.9f));
            assertThat(teacher.name()).isEqualTo("rectangles[flip]");
        }
    }

    @Test
    void tilesFindSmallObjectsAndLeaveObjectsTheyCutToTheWholeImage() {
        RectangleFinder finder = new RectangleFinder(false);
        // a 6 x 6 square is 2.4 px wide on the whole image's 64-px input, 3.84 px on a tile's (100 x 80 px)
        int[] small = {20, 20, 26, 26};
        // the large one lies across the tiles' inner edges (x 100 and 60, y 80 and 48): every tile cuts it
        int[] large = {50, 30, 110, 100};
        try (Mat image = imageWith(small, large);
                AugmentedTeacher teacher =
                        new AugmentedTeacher(finder, EnumSet.of(AugmentedTeacher.View.TILES), 0.55f)) {
            assertThat(finder.detect(image))
                    .extracting(AugmentedTeacherTest::box)
                    .containsExactly(new float[] {50, 30, 110, 100});
            finder.calls = 0;

            List<DetectedObject> found = teacher.detect(image);

            assertThat(finder.calls).as("the whole image and four tiles").isEqualTo(5);
            assertThat(found)
                    .extracting(AugmentedTeacherTest::box)
                    .containsExactlyInAnyOrder(new float[] {20, 20, 26, 26}, new float[] {50, 30, 110, 100});
        }
    }

    @Test
    void anObjectInTheOverlapOfTwoTilesCountsOnce() {
        RectangleFinder finder = new RectangleFinder(false);
        // inside all four tiles (x 60-100, y 48-80), too small for the whole image's input
        try (Mat image = imageWith(new int[] {70, 55, 76, 61});
                AugmentedTeacher teacher =
                        new AugmentedTeacher(finder, EnumSet.of(AugmentedTeacher.View.TILES), 0.55f)) {
            assertThat(teacher.detect(image))
                    .extracting(AugmentedTeacherTest::box)
                    .containsExactly(new float[] {70, 55, 76, 61});
        }
    }

    @Test
    void theThreeByThreeTilesFindObjectsTooSmallForTheTwoByTwo() {
        RectangleFinder finder = new RectangleFinder(false);
        // 4 x 4 px is 2.56 px on a 2 x 2 tile's input (100 x 80 px), 3.56 px on a 3 x 3 tile's (72 x 58 px)
        int[] tiny = {100, 90, 104, 94};
        try (Mat image = imageWith(tiny);
                AugmentedTeacher twoByTwo =
                        new AugmentedTeacher(finder, EnumSet.of(AugmentedTeacher.View.TILES), 0.55f);
                AugmentedTeacher threeByThree =
                        new AugmentedTeacher(finder, EnumSet.of(AugmentedTeacher.View.TILES3), 0.55f)) {
            assertThat(twoByTwo.detect(image)).isEmpty();
            finder.calls = 0;

            List<DetectedObject> found = threeByThree.detect(image);

            assertThat(finder.calls).as("the whole image and nine tiles").isEqualTo(10);
            assertThat(found).extracting(AugmentedTeacherTest::box).containsExactly(new float[] {100, 90, 104, 94});
            assertThat(threeByThree.name()).isEqualTo("rectangles[tiles3]");
        }
    }

    @Test
    void tilesSpanTheImageFromEdgeToEdge() {
        assertThat(AugmentedTeacher.tileOrigins(160, 72, 3)).containsExactly(0, 44, 88);
        assertThat(AugmentedTeacher.tileOrigins(768, 480, 2)).containsExactly(0, 288);
    }

    @Test
    void withoutViewsItIsTheTeacherItself() {
        RectangleFinder finder = new RectangleFinder(true);
        try (Mat image = imageWith(new int[] {120, 20, 140, 60});
                AugmentedTeacher teacher = new AugmentedTeacher(finder, Set.of(), 0.55f)) {
            assertThat(teacher.detect(image)).isEmpty();
            assertThat(teacher.name()).isEqualTo("rectangles");
        }
    }

    @Test
    void parsesViews() {
        assertThat(AugmentedTeacher.View.parseAll("none")).isEmpty();
        assertThat(AugmentedTeacher.View.parseAll("Tiles, flip"))
                .containsExactly(AugmentedTeacher.View.FLIP, AugmentedTeacher.View.TILES);
        assertThat(AugmentedTeacher.View.parseAll("tiles3,tiles"))
                .containsExactly(AugmentedTeacher.View.TILES, AugmentedTeacher.View.TILES3);
        assertThatThrownBy(() -> AugmentedTeacher.View.parseAll("flip,rotate"))
                .hasMessageContaining("'rotate' is none of flip, tiles, tiles3, none");
    }
}
