package dev.vigil.model.transform;

import dev.vigil.model.image.ByteRgbImage;
import dev.vigil.model.image.DecodedImage;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Writes images into their slots of a channels-last batch (N×H×W×C floats), normalised, resized and zero-padded in one
 * pass over their rows: each source row that an output row samples is normalised and resized along the width (and
 * kept for the next output row, which often samples it too), two such rows are blended along the height into the
 * output row, and that row goes into the batch with its padding. The only temporaries are a few rows.
 *
 * <p>The values are bit for bit those of normalising the whole image and then resizing it with torch's
 * {@code upsample_bilinear2d} (align_corners=false): the same float32 operations in the same order, the width's
 * weights first ({@code top = a·wx0 + b·wx1}), then the height's ({@code top·wy0 + bottom·wy1}). At equal sizes
 * the weights are 1 and 0, which return each value as it is.
 */
final class SlotWriter {

    private static final int CHANNELS = RgbImage.CHANNELS;

    private final Normalization normalization;
    private final FloatBuffer batch;
    private final int paddedHeight;
    private final int paddedWidth;
    /** One output row with its right padding. */
    private final float[] outRow;

    /**
     * @param batch the batch's values, N×paddedHeight×paddedWidth×3; its memory may start undefined: every value of a
     *              slot, padding included, is written
     */
    SlotWriter(Normalization normalization, FloatBuffer batch, int paddedHeight, int paddedWidth) {
        this.normalization = normalization;
        this.batch = batch;
        this.paddedHeight = paddedHeight;
        this.paddedWidth = paddedWidth;
        this.outRow = new float[CHANNELS * paddedWidth];
    }

    /** Writes {@code image}, resized to {@code resized} (at most the padded size), into slot {@code slot}. */
    void write(int slot, DecodedImage image, ImageSize resized) {
        if (resized.height() > paddedHeight || resized.width() > paddedWidth) {
            throw new IllegalArgumentException(
                    "an image resized to " + resized + " does not fit a slot of " + paddedWidth + "x" + paddedHeight);
        }
        BilinearAxis rows = new BilinearAxis(image.size().height(), resized.height());
        WidthResizedRows source =
                new WidthResizedRows(image, new BilinearAxis(image.size().width(), resized.width()), resized.width());
        int values = CHANNELS * resized.width();
        Arrays.fill(outRow, values, outRow.length, 0f);
        int slotStart = slot * paddedHeight * outRow.length;
        for (int y = 0; y < resized.height(); y++) {
            int row0 = rows.index0(y);
            int row1 = rows.index1(y);
            float[] top = source.row(row0, row1);
            float[] bottom = source.row(row1, row0);
            float wy0 = rows.lambda0(y);
            float wy1 = rows.lambda1(y);
            for (int i = 0; i < values; i++) {
                outRow[i] = top[i] * wy0 + bottom[i] * wy1;
            }
            batch.put(slotStart + y * outRow.length, outRow);
        }
        Arrays.fill(outRow, 0f);
        for (int y = resized.height(); y < paddedHeight; y++) {
            batch.put(slotStart + y * outRow.length, outRow);
        }
    }

    /** An image's rows, normalised and resized along the width; the last two made are kept. */
    private final class WidthResizedRows {

        private final DecodedImage image;
        private final BilinearAxis columns;
        private final int outWidth;
        private final float[] normalized;
        private final float[] first;
        private final float[] second;
        private int firstRow = -1;
        private int secondRow = -1;

        WidthResizedRows(DecodedImage image, BilinearAxis columns, int outWidth) {
            this.image = image;
            this.columns = columns;
            this.outWidth = outWidth;
            this.normalized = new float[CHANNELS * image.size().width()];
            this.first = new float[CHANNELS * outWidth];
            this.second = new float[CHANNELS * outWidth];
        }

        /** Source row {@code y} resized; the row {@code keep}, if it is kept, stays. */
        float[] row(int y, int keep) {
            if (firstRow == y) {
                return first;
            }
            if (secondRow == y) {
                return second;
            }
            if (firstRow != keep) {
                make(y, first);
                firstRow = y;
                return first;
            }
            make(y, second);
            secondRow = y;
            return second;
        }

        private void make(int y, float[] out) {
            if (image instanceof ByteRgbImage bytes) {
                makeFromSamples(bytes.rgb(), y, out);
                return;
            }
            normalization.row((RgbImage) image, y, normalized);
            for (int x = 0, o = 0; x < outWidth; x++, o += CHANNELS) {
                int from0 = CHANNELS * columns.index0(x);
                int from1 = CHANNELS * columns.index1(x);
                float w0 = columns.lambda0(x);
                float w1 = columns.lambda1(x);
                out[o] = normalized[from0] * w0 + normalized[from1] * w1;
                out[o + 1] = normalized[from0 + 1] * w0 + normalized[from1 + 1] * w1;
                out[o + 2] = normalized[from0 + 2] * w0 + normalized[from1 + 2] * w1;
            }
        }

        /** As {@link #make} for 8-bit samples: each normalised by a lookup where it is read. */
        private void makeFromSamples(byte[] rgb, int y, float[] out) {
            float[] red = normalization.eightBit(0);
            float[] green = normalization.eightBit(1);
            float[] blue = normalization.eightBit(2);
            int rowStart = CHANNELS * image.size().width() * y;
            for (int x = 0, o = 0; x < outWidth; x++, o += CHANNELS) {
                int from0 = rowStart + CHANNELS * columns.index0(x);
                int from1 = rowStart + CHANNELS * columns.index1(x);
                float w0 = columns.lambda0(x);
                float w1 = columns.lambda1(x);
                out[o] = red[rgb[from0] & 0xFF] * w0 + red[rgb[from1] & 0xFF] * w1;
                out[o + 1] = green[rgb[from0 + 1] & 0xFF] * w0 + green[rgb[from1 + 1] & 0xFF] * w1;
                out[o + 2] = blue[rgb[from0 + 2] & 0xFF] * w0 + blue[rgb[from1 + 2] & 0xFF] * w1;
            }
        }
    }
}
