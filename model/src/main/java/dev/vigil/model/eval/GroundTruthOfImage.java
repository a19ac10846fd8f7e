package dev.vigil.model.eval;

import dev.vigil.model.data.GroundTruthBox;
import java.util.List;

/**
 * The ground-truth boxes of one image and one category as primitive arrays, in the dataset's order.
 *
 * @param boxes G×4
 * @param crowd G crowd (VOC: difficult) flags
 * @param areas G areas COCO bands by
 */
record GroundTruthOfImage(float[] boxes, boolean[] crowd, double[] areas) {

    static final GroundTruthOfImage EMPTY = new GroundTruthOfImage(new float[0], new boolean[0], new double[0]);

    static GroundTruthOfImage of(List<GroundTruthBox> boxes) {
        int g = boxes.size();
        float[] coordinates = new float[4 * g];
        boolean[] crowd = new boolean[g];
        double[] areas = new double[g];
        for (int j = 0; j < g; j++) {
            GroundTruthBox box = boxes.get(j);
            coordinates[4 * j] = box.x1();
            coordinates[4 * j + 1] = box.y1();
            coordinates[4 * j + 2] = box.x2();
            coordinates[4 * j + 3] = box.y2();
            crowd[j] = box.crowd();
            areas[j] = box.area();
        }
        return new GroundTruthOfImage(coordinates, crowd, areas);
    }

    /** G. */
    int count() {
        return crowd.length;
    }

    boolean crowd(int j) {
        return crowd[j];
    }

    double area(int j) {
        return areas[j];
    }
}
