package dev.vigil.model.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a state_dict, copied out of its storage into a dense row-major Java array.
 * Floating-point dtypes hold {@code float[]} values (float64 is narrowed, float16/bfloat16 widened);
 * integer and bool dtypes hold {@code long[]} values.
 */
public final class StoredTensor {

    private final String name;
    private final TorchDtype dtype;
    private final long[] shape;
    private final float[] floats;
    private final long[] longs;

    private StoredTensor(String name, TorchDtype dtype, long[] shape, float[] floats, long[] longs) {
        this.name = Objects.requireNonNull(name, "name");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = shape.clone();
        this.floats = floats;
        this.longs = longs;
        int length = floats != null ? floats.length : longs.length;
        if (length != numel(shape)) {
            throw new IllegalArgumentException(
                    "tensor '" + name + "': " + length + " values for shape " + Arrays.toString(shape));
        }
    }

    /** A floating-point tensor; {@code values} is row-major and is not copied. */
    public static StoredTensor ofFloats(String name, TorchDtype dtype, long[] shape, float[] values) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("tensor '" + name + "': " + dtype + " is not a floating-point dtype");
        }
        return new StoredTensor(name, dtype, shape, Objects.requireNonNull(values, "values"), null);
    }

    /** An integer or bool tensor; {@code values} is row-major and is not copied. */
    public static StoredTensor ofLongs(String name, TorchDtype dtype, long[] shape, long[] values) {
        if (dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("tensor '" + name + "': " + dtype + " is a floating-point dtype");
        }
        return new StoredTensor(name, dtype, shape, null, Objects.requireNonNull(values, "values"));
    }

    /** The same values under another key (shares the value array). */
    public StoredTensor renamed(String newName) {
        return new StoredTensor(newName, dtype, shape, floats, longs);
    }

    /** The product of the dimensions (1 for a scalar). */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The state_dict key, e.g. {@code backbone.body.conv1.weight}. */
    public String name() {
        return name;
    }

    public TorchDtype dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long numel() {
        return numel(shape);
    }

    public boolean isFloatingPoint() {
        return dtype.isFloatingPoint();
    }

    /** The values of a floating-point tensor, row-major (the array itself, not a copy). */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("tensor '" + name + "' is " + dtype + ": use longs()");
        }
        return floats;
    }

    /** The values of an integer or bool tensor, row-major (the array itself, not a copy). */
    public long[] longs() {
        if (longs == null) {
            throw new IllegalStateException("tensor '" + name + "' is " + dtype + ": use floats()");
        }
        return longs;
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
