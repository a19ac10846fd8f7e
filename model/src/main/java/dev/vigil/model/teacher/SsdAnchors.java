package dev.vigil.model.teacher;

/**
 * The anchors of an SSD as the TF Object Detection API's {@code MultipleGridAnchorGenerator} lays them out for a
 * square input: layer after layer, in each layer row after row, cell after cell, and the cell's anchors innermost.
 * Anchor coordinates are fractions of the input side: the centre of cell (i, j) of an S×S map is
 * ((i + 0.5) / S, (j + 0.5) / S); an anchor of scale s and aspect ratio r is {@code s·√r} wide and {@code s/√r}
 * high. Anchors are not clipped to the image.
 */
public final class SsdAnchors {

    /** Values per anchor: y centre, x centre, height, width. */
    public static final int VALUES = 4;

    /** A×4: (y centre, x centre, height, width) per anchor. */
    private final float[] centreSizes;

    private SsdAnchors(float[] centreSizes) {
        this.centreSizes = centreSizes;
    }

    /** Generates every anchor of {@code config}. */
    public static SsdAnchors generate(SsdAnchorConfig config) {
        int count = 0;
        for (int layer = 0; layer < config.layers(); layer++) {
            int size = config.featureMapSize(layer);
            count += size * size * config.anchorsPerCell(layer);
        }
        float[] centreSizes = new float[count * VALUES];
        int o = 0;
        for (int layer = 0; layer < config.layers(); layer++) {
            double[][] cellBoxes = cellBoxes(config, layer);
            int size = config.featureMapSize(layer);
            for (int row = 0; row < size; row++) {
                float yCentre = (float) ((row + 0.5) / size);
                for (int col = 0; col < size; col++) {
                    float xCentre = (float) ((col + 0.5) / size);
                    for (double[] heightWidth : cellBoxes) {
                        centreSizes[o++] = yCentre;
                        centreSizes[o++] = xCentre;
                        centreSizes[o++] = (float) heightWidth[0];
                        centreSizes[o++] = (float) heightWidth[1];
                    }
                }
            }
        }
        return new SsdAnchors(centreSizes);
    }

    /** (height, width) of each anchor of one cell of {@code layer}, in output order. */
    private static double[][] cellBoxes(SsdAnchorConfig config, int layer) {
        double scale = config.scale(layer);
        double[][] boxes = new double[config.anchorsPerCell(layer)][];
        if (layer == 0 && config.reduceBoxesInLowestLayer()) {
            float[] ratios = SsdAnchorConfig.LOWEST_LAYER_ASPECT_RATIOS;
            boxes[0] = heightWidth(SsdAnchorConfig.LOWEST_LAYER_SMALL_SCALE, ratios[0]);
            boxes[1] = heightWidth(scale, ratios[1]);
            boxes[2] = heightWidth(scale, ratios[2]);
            return boxes;
        }
        float[] ratios = config.aspectRatios();
        for (int r = 0; r < ratios.length; r++) {
            boxes[r] = heightWidth(scale, ratios[r]);
        }
        if (config.interpolatedScaleAspectRatio() > 0) {
            boxes[ratios.length] =
                    heightWidth(Math.sqrt(scale * config.scale(layer + 1)), config.interpolatedScaleAspectRatio());
        }
        return boxes;
    }

    private static double[] heightWidth(double scale, double aspectRatio) {
        double root = Math.sqrt(aspectRatio);
        return new double[] {scale / root, scale * root};
    }

    /** Number of anchors A. */
    public int count() {
        return centreSizes.length / VALUES;
    }

    public float yCentre(int anchor) {
        return centreSizes[anchor * VALUES];
    }

    public float xCentre(int anchor) {
        return centreSizes[anchor * VALUES + 1];
    }

    public float height(int anchor) {
        return centreSizes[anchor * VALUES + 2];
    }

    public float width(int anchor) {
        return centreSizes[anchor * VALUES + 3];
    }
}
