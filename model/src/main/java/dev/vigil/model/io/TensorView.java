package dev.vigil.model.io;

import java.util.Arrays;

/** A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a strided view into a storage. */
record TensorView(StorageReference storage, long offset, long[] size, long[] stride) {

    TensorView {
        if (size.length != stride.length) {
            throw new IllegalArgumentException(
                    "size " + Arrays.toString(size) + " and stride " + Arrays.toString(stride) + " differ in rank");
        }
    }

    @Override
    public String toString() {
        return "tensor " + storage.dtype() + Arrays.toString(size) + " in storage '" + storage.key() + "'";
    }
}
