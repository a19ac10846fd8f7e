package dev.vigil.model.teacher.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * TF's {@code ResizeBilinear} on NHWC images, with both of its coordinate conventions: the legacy one (source
 * coordinate {@code dst · in/out}, what Keras' {@code UpSampling2D} produces), {@code align_corners} (corner pixels
 * map onto corner pixels: {@code dst · (in-1)/(out-1)}) and {@code half_pixel_centers} ({@code (dst + 0.5) · scale -
 * 0.5}). PyTorch's {@code interpolate} knows only the last two, so the resize runs as two small matrix products,
 * rows then columns, with the interpolation weights {@link #weights} computes as TF does.
 */
final class ResizeBilinearKernel implements OpKernel {

    @Override
    public NDList run(GraphNode node, NDList in) {
        NDArray x = in.get(0);
        Shape s = x.getShape();
        if (s.dimension() != 4) {
            throw new IllegalArgumentException(node + ": needs a 4-d NHWC image, got " + s);
        }
        int[] size = ShapeKernels.ints(in.get(1));
        boolean alignCorners = node.bool("align_corners", false);
        boolean halfPixel = node.bool("half_pixel_centers", false);
        long n = s.get(0);
        long h = s.get(1);
        long w = s.get(2);
        long c = s.get(3);
        NDManager manager = x.getManager();
        NDArray rows = manager.create(weights((int) h, size[0], alignCorners, halfPixel), new Shape(size[0], h));
        NDArray cols = manager.create(weights((int) w, size[1], alignCorners, halfPixel), new Shape(size[1], w));
        // per image, two plain matrix products: rows [out_h, h] × [h, w·c], then columns [out_w, w] × [w, out_h·c]
        NDList images = new NDList((int) n);
        for (long i = 0; i < n; i++) {
            NDArray image = n == 1 ? x.reshape(h, w * c) : x.get(i).reshape(h, w * c);
            NDArray byRows = rows.matMul(image).reshape(size[0], w, c);
            NDArray byCols = cols.matMul(byRows.transpose(1, 0, 2).reshape(w, (long) size[0] * c));
            images.add(byCols.reshape(size[1], size[0], c).transpose(1, 0, 2).expandDims(0));
        }
        return new NDList(images.size() == 1 ? images.get(0) : NDArrays.concat(images, 0));
    }

    /**
     * The [out × in] matrix of interpolation weights along one axis: row i has {@code 1 - f} at the lower source
     * index and {@code f} at the upper one (TF.js's and TF's {@code resize_bilinear}: source {@code s} as the
     * convention gives, lower {@code max(floor(s), 0)}, upper {@code min(ceil(s), in - 1)}, {@code f = s - lower}).
     */
    static float[] weights(int in, int out, boolean alignCorners, boolean halfPixel) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("ResizeBilinear sizes must be positive, got " + in + " → " + out);
        }
        boolean corners = alignCorners && out > 1;
        float scale = corners ? (in - 1) / (float) (out - 1) : in / (float) out;
        float[] m = new float[out * in];
        for (int i = 0; i < out; i++) {
            float source = halfPixel ? (i + 0.5f) * scale - 0.5f : i * scale;
            int lower = (int) Math.max(0, Math.floor(source));
            int upper = (int) Math.min(in - 1, Math.ceil(source));
            float fraction = source - lower;
            m[i * in + lower] += 1 - fraction;
            m[i * in + upper] += fraction;
        }
        return m;
    }
}
