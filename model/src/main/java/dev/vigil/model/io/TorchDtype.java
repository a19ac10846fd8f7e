package dev.vigil.model.io;

import java.util.Arrays;
import java.util.Optional;

/** The element types of torch storages, named by the storage classes that {@code torch.save} pickles. */
public enum TorchDtype {
    FLOAT32("FloatStorage", 4, true),
    FLOAT64("DoubleStorage", 8, true),
    FLOAT16("HalfStorage", 2, true),
    BFLOAT16("BFloat16Storage", 2, true),
    INT64("LongStorage", 8, false),
    INT32("IntStorage", 4, false),
    INT16("ShortStorage", 2, false),
    INT8("CharStorage", 1, false),
    UINT8("ByteStorage", 1, false),
    BOOL("BoolStorage", 1, false);

    private final String storageClass;
    private final int bytesPerElement;
    private final boolean floatingPoint;

    TorchDtype(String storageClass, int bytesPerElement, boolean floatingPoint) {
        this.storageClass = storageClass;
        this.bytesPerElement = bytesPerElement;
        this.floatingPoint = floatingPoint;
    }

    /** The class name in module {@code torch}, e.g. {@code FloatStorage}. */
    public String storageClass() {
        return storageClass;
    }

    public int bytesPerElement() {
        return bytesPerElement;
    }

    /** True for float types (decoded to {@code float[]}), false for integer and bool (decoded to {@code long[]}). */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The dtype of a storage class name such as {@code FloatStorage}, if known. */
    public static Optional<TorchDtype> ofStorageClass(String name) {
        return Arrays.stream(values()).filter(d -> d.storageClass.equals(name)).findFirst();
    }
}
