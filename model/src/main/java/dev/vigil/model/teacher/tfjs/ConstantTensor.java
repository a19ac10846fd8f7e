package dev.vigil.model.teacher.tfjs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * A weight of a graph model, decoded on the heap: its shape and its values as floats ({@link TfDataType#FLOAT32})
 * or ints ({@link TfDataType#INT32}, {@link TfDataType#BOOL} as 0/1).
 */
public record ConstantTensor(String name, TfDataType type, long[] shape, float[] floats, int[] ints) {

    public ConstantTensor {
        shape = shape.clone();
        long size = new Shape(shape).size();
        int length = type == TfDataType.FLOAT32 ? floats.length : ints.length;
        if (size != length) {
            throw new IllegalArgumentException("weight " + name + ": shape " + Arrays.toString(shape) + " needs " + size
                    + " values, has " + length);
        }
    }

    public static ConstantTensor ofFloats(String name, long[] shape, float[] values) {
        return new ConstantTensor(name, TfDataType.FLOAT32, shape, values, null);
    }

    public static ConstantTensor ofInts(String name, TfDataType type, long[] shape, int[] values) {
        return new ConstantTensor(name, type, shape, null, values);
    }

    /** The values as an array of {@code manager}. */
    public NDArray toNDArray(NDManager manager) {
        Shape s = new Shape(shape);
        return switch (type) {
            case FLOAT32 -> manager.create(floats, s);
            case INT32 -> manager.create(ints, s);
            case BOOL -> manager.create(ints, s).toType(TfDataType.BOOL.djl(), false);
        };
    }
}
