package dev.vigil.model.teacher.tfjs;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/** The tensor types a graph model may hold, with their TF names (attributes) and TF.js names (weight manifests). */
public enum TfDataType {
    FLOAT32(DataType.FLOAT32),
    INT32(DataType.INT32),
    BOOL(DataType.BOOLEAN);

    private final DataType djl;

    TfDataType(DataType djl) {
        this.djl = djl;
    }

    public DataType djl() {
        return djl;
    }

    /**
     * From a TF attribute type ({@code DT_FLOAT}) or a manifest dtype ({@code float32}).
     *
     * @throws IllegalArgumentException naming a type this reader does not support
     */
    public static TfDataType parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "dt_float", "float32" -> FLOAT32;
            case "dt_int32", "int32" -> INT32;
            case "dt_bool", "bool" -> BOOL;
            default -> throw new IllegalArgumentException("tensor type " + name + " is not supported");
        };
    }
}
