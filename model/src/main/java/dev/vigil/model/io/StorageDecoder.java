package dev.vigil.model.io;

import java.nio.ByteBuffer;

/** Reads single elements of a raw torch storage, converting them to {@code float} or {@code long}. */
final class StorageDecoder {

    private StorageDecoder() {}

    /** Element {@code index} of a floating-point storage, as float. */
    static float floatAt(ByteBuffer storage, TorchDtype dtype, int index) {
        int at = index * dtype.bytesPerElement();
        return switch (dtype) {
            case FLOAT32 -> storage.getFloat(at);
            case FLOAT64 -> (float) storage.getDouble(at);
            case FLOAT16 -> halfToFloat(storage.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((storage.getShort(at) & 0xffff) << 16);
            default -> throw new IllegalArgumentException(dtype + " is not a floating-point dtype");
        };
    }

    /** Element {@code index} of an integer or bool storage, as long. */
    static long longAt(ByteBuffer storage, TorchDtype dtype, int index) {
        int at = index * dtype.bytesPerElement();
        return switch (dtype) {
            case INT64 -> storage.getLong(at);
            case INT32 -> storage.getInt(at);
            case INT16 -> storage.getShort(at);
            case INT8 -> storage.get(at);
            case UINT8, BOOL -> storage.get(at) & 0xff;
            default -> throw new IllegalArgumentException(dtype + " is not an integer dtype");
        };
    }

    /** IEEE 754 binary16 to binary32, exact (subnormals, infinities and NaN included). */
    static float halfToFloat(short half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1f;
        int mantissa = half & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
