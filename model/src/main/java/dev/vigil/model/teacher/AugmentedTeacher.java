package dev.vigil.model.teacher;

import static org.bytedeco.opencv.global.opencv_core.flip;

import dev.vigil.model.box.Boxes;
import dev.vigil.model.box.Nms;
import dev.vigil.model.detector.DetectedObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * Test-time augmentation of a teacher: besides the whole image it labels further views of it, maps their boxes back
 * to the image and fuses all views by {@link WeightedBoxFusion} (equal weights, {@link WeightedBoxFusion.ScoreMode#MAX
 * MAX} scores: a box any view saw keeps its best score, boxes several views saw are averaged). The views:
 *
 * <ul>
 *   <li>{@link View#FLIP}: the image mirrored left-right;
 *   <li>{@link View#TILES}: 2 × 2 overlapping tiles, each {@value #TILE_FRACTION} of the image's width and height,
 *       which the teacher stretches to its input as it does the whole image, so that small, far objects are seen
 *       {@code 1 / }{@value #TILE_FRACTION} times larger (CenterNet sees a 768 × 576 frame at 512 × 512). An object
 *       cut by a tile's inner edge is left to the tile that holds it whole (tiles overlap by a quarter of the image),
 *       and an object two tiles both hold counts once (NMS over the tiles' boxes).
 *   <li>{@link View#TILES3}: 3 × 3 overlapping tiles, each {@value #TILE3_FRACTION} of the image's width and height,
 *       for objects smaller still (seen {@code 1 / }{@value #TILE3_FRACTION} times larger); neighbouring tiles overlap
 *       by {@value #TILE3_OVERLAP} of the image, so an object up to that size lies whole in one of them and larger
 *       ones are left to the other views.
 * </ul>
 *
 * The teacher's own score threshold applies in every view. Each view costs one more teacher run.
 */
public final class AugmentedTeacher implements Teacher {

    /** Further views of the image. */
    public enum View {
        FLIP,
        TILES,
        TILES3;

        /** {@code flip}, {@code tiles}, {@code tiles3}, comma-separated, any case; {@code none} or empty for none. */
        public static Set<View> parseAll(String spec) {
            Set<View> views = EnumSet.noneOf(View.class);
            for (String part : spec.split(",")) {
                String name = part.strip().toUpperCase(Locale.ROOT);
                if (name.isEmpty() || name.equals("NONE")) {
                    continue;
                }
                try {
                    views.add(valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "test-time augmentation '" + part.strip() + "' is none of flip, tiles, tiles3, none", e);
                }
            }
            return views;
        }
    }

    /** A tile's width and height as a fraction of the image's. */
    static final double TILE_FRACTION = 0.625;
    /** A tile's width and height in the 3 × 3 grid, as a fraction of the image's. */
    static final double TILE3_FRACTION = 0.45;
    /** How much neighbouring tiles of the 3 × 3 grid overlap, as a fraction of the image: (3 × 0.45 - 1) / 2. */
    static final double TILE3_OVERLAP = 0.175;
    /** A tile's box closer than this many pixels to one of the tile's inner edges is taken as cut by it. */
    static final float CUT_MARGIN_PIXELS = 2f;
    /** Boxes of the tiles overlapping more than this (IoU) are one object seen by two tiles. */
    static final double TILE_NMS_IOU = 0.5;

    private final Teacher teacher;
    private final Set<View> views;
    private final WeightedBoxFusion fusion;
    private final Mat flipped = new Mat();

    /**
     * @param teacher labels each view (closed with this)
     * @param views the views besides the whole image; none makes this the teacher itself
     * @param fusionIou boxes of views overlapping a fused box with IoU above this are fused into it
     */
    public AugmentedTeacher(Teacher teacher, Set<View> views, float fusionIou) {
        this.teacher = teacher;
        this.views = views.isEmpty() ? EnumSet.noneOf(View.class) : EnumSet.copyOf(views);
        this.fusion = new WeightedBoxFusion(fusionIou, 0f);
    }

    /** The teacher's name, then its views in brackets: {@code centernet-mobilenetv3-coco[flip,tiles]}. */
    @Override
    public String name() {
        return views.isEmpty()
                ? teacher.name()
                : views.stream()
                        .map(v -> v.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(",", teacher.name() + "[", "]"));
    }

    @Override
    public List<String> classNames() {
        return teacher.classNames();
    }

    @Override
    public List<DetectedObject> detect(Mat image) {
        List<DetectedObject> whole = teacher.detect(image);
        if (views.isEmpty()) {
            return whole;
        }
        List<List<DetectedObject>> perView = new ArrayList<>();
        perView.add(whole);
        if (views.contains(View.FLIP)) {
            perView.add(mirrored(image));
        }
        if (views.contains(View.TILES)) {
            perView.add(tiled(image, 2, TILE_FRACTION));
        }
        if (views.contains(View.TILES3)) {
            perView.add(tiled(image, 3, TILE3_FRACTION));
        }
        double[] weights = new double[perView.size()];
        Arrays.fill(weights, 1);
        return fusion.fuse(perView, weights, WeightedBoxFusion.ScoreMode.MAX);
    }

    private List<DetectedObject> mirrored(Mat image) {
        flip(image, flipped, 1);
        int width = image.cols();
        List<DetectedObject> boxes = new ArrayList<>();
        for (DetectedObject d : teacher.detect(flipped)) {
            boxes.add(new DetectedObject(
                    d.classId(), d.label(), d.score(), width - d.x2(), d.y1(), width - d.x1(), d.y2()));
        }
        return boxes;
    }

    /**
     * The boxes of a {@code grid} × {@code grid} of tiles, each {@code fraction} of the image, spread evenly from edge
     * to edge, in the image's pixels, cut ones dropped, duplicates of the overlaps removed.
     */
    private List<DetectedObject> tiled(Mat image, int grid, double fraction) {
        int width = image.cols();
        int height = image.rows();
        int tileWidth = (int) Math.round(width * fraction);
        int tileHeight = (int) Math.round(height * fraction);
        List<DetectedObject> boxes = new ArrayList<>();
        for (int x0 : tileOrigins(width, tileWidth, grid)) {
            for (int y0 : tileOrigins(height, tileHeight, grid)) {
                try (Rect rect = new Rect(x0, y0, tileWidth, tileHeight);
                        Mat tile = new Mat(image, rect)) {
                    for (DetectedObject d : teacher.detect(tile)) {
                        if (!cutByInnerEdge(d, x0, y0, tileWidth, tileHeight, width, height)) {
                            boxes.add(new DetectedObject(
                                    d.classId(),
                                    d.label(),
                                    d.score(),
                                    d.x1() + x0,
                                    d.y1() + y0,
                                    d.x2() + x0,
                                    d.y2() + y0));
                        }
                    }
                }
            }
        }
        return withoutDuplicates(boxes);
    }

    /** Where {@code grid} tiles of {@code tile} pixels start so that the first touches 0 and the last {@code size}. */
    static int[] tileOrigins(int size, int tile, int grid) {
        int[] origins = new int[grid];
        for (int i = 0; i < grid; i++) {
            origins[i] = (int) Math.round((size - tile) * (double) i / (grid - 1));
        }
        return origins;
    }

    /** Whether a tile's box touches an edge of the tile that lies inside the image. */
    static boolean cutByInnerEdge(
            DetectedObject d, int x0, int y0, int tileWidth, int tileHeight, int imageWidth, int imageHeight) {
        boolean left = x0 > 0 && d.x1() < CUT_MARGIN_PIXELS;
        boolean top = y0 > 0 && d.y1() < CUT_MARGIN_PIXELS;
        boolean right = x0 + tileWidth < imageWidth && d.x2() > tileWidth - CUT_MARGIN_PIXELS;
        boolean bottom = y0 + tileHeight < imageHeight && d.y2() > tileHeight - CUT_MARGIN_PIXELS;
        return left || top || right || bottom;
    }

    private static List<DetectedObject> withoutDuplicates(List<DetectedObject> boxes) {
        float[] coords = new float[boxes.size() * Boxes.COORDS];
        float[] scores = new float[boxes.size()];
        int[] classes = new int[boxes.size()];
        for (int i = 0; i < boxes.size(); i++) {
            DetectedObject d = boxes.get(i);
            coords[i * 4] = d.x1();
            coords[i * 4 + 1] = d.y1();
            coords[i * 4 + 2] = d.x2();
            coords[i * 4 + 3] = d.y2();
            scores[i] = d.score();
            classes[i] = d.classId();
        }
        int[] keep = Nms.batchedNms(coords, scores, classes, TILE_NMS_IOU, Nms.KEEP_ALL);
        List<DetectedObject> kept = new ArrayList<>(keep.length);
        for (int i : keep) {
            kept.add(boxes.get(i));
        }
        return kept;
    }

    @Override
    public void close() {
        flipped.close();
        teacher.close();
    }
}
