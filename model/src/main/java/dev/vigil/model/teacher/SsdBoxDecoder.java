package dev.vigil.model.teacher;

/**
 * The TF Object Detection API's {@code FasterRcnnBoxCoder} decoding, as SSD heads are trained with it: an anchor
 * with centre (ya, xa) and size (ha, wa) and a code (ty, tx, th, tw) give the box with centre
 * {@code (ty/sy · ha + ya, tx/sx · wa + xa)} and size {@code (exp(th/sh) · ha, exp(tw/sw) · wa)}. Note the y-first
 * order of the codes (torchvision's coder is x-first) and that nothing is clamped before the exponential.
 *
 * @param yScale sy
 * @param xScale sx
 * @param heightScale sh
 * @param widthScale sw
 */
public record SsdBoxDecoder(float yScale, float xScale, float heightScale, float widthScale) {

    /** Values per code: ty, tx, th, tw. */
    public static final int CODE_VALUES = 4;
    /** The API's default scale factors (10, 10, 5, 5), those of SSD MobileNet. */
    private static final float[] DEFAULT_SCALES = {10f, 10f, 5f, 5f};

    public SsdBoxDecoder {
        if (!(yScale > 0 && xScale > 0 && heightScale > 0 && widthScale > 0)) {
            throw new IllegalArgumentException("box decoder scales must be positive, got (" + yScale + ", " + xScale
                    + ", " + heightScale + ", " + widthScale + ")");
        }
    }

    /** The decoder with scales (10, 10, 5, 5). */
    public static SsdBoxDecoder defaults() {
        return new SsdBoxDecoder(DEFAULT_SCALES[0], DEFAULT_SCALES[1], DEFAULT_SCALES[2], DEFAULT_SCALES[3]);
    }

    /**
     * Decodes the code of one anchor.
     *
     * @param codes A×4 codes (ty, tx, th, tw), one row per anchor
     * @param anchors the A anchors the codes are relative to
     * @param anchor which anchor to decode
     * @param corners receives (x1, y1, x2, y2) as fractions of the input side at {@code offset}
     */
    public void decode(float[] codes, SsdAnchors anchors, int anchor, float[] corners, int offset) {
        int c = anchor * CODE_VALUES;
        float height = anchors.height(anchor);
        float width = anchors.width(anchor);
        float yCentre = codes[c] / yScale * height + anchors.yCentre(anchor);
        float xCentre = codes[c + 1] / xScale * width + anchors.xCentre(anchor);
        float halfHeight = (float) Math.exp(codes[c + 2] / heightScale) * height / 2;
        float halfWidth = (float) Math.exp(codes[c + 3] / widthScale) * width / 2;
        corners[offset] = xCentre - halfWidth;
        corners[offset + 1] = yCentre - halfHeight;
        corners[offset + 2] = xCentre + halfWidth;
        corners[offset + 3] = yCentre + halfHeight;
    }
}
