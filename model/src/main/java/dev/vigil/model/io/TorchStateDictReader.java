package dev.vigil.model.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a state_dict saved by {@code torch.save} in plain Java, no Python, no libtorch: the zip format of
 * torch >= 1.6 and the legacy stream format before it (torchvision's older checkpoints). The pickled object is interpreted by {@link PickleMachine}; tensors are copied out of their
 * storages honoring offset and strides, so views and non-contiguous tensors read as torch prints them.
 *
 * <p>A training checkpoint that wraps the weights ({@code {"model": state_dict, "optimizer": ...}}) is read
 * with {@link #read(Path, String)} naming the wrapper key.
 */
public final class TorchStateDictReader {

    private static final String METADATA_ATTRIBUTE = "_metadata";
    private static final String VERSION_KEY = "version";

    private TorchStateDictReader() {}

    /** Reads a file whose pickled object is the state_dict itself. */
    public static StateDict read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads the state_dict stored under {@code entryKey} of the file's top-level dict (e.g. {@code "model"}),
     * or the top-level object itself when {@code entryKey} is null.
     */
    public static StateDict read(Path file, String entryKey) throws IOException {
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(file)) {
            String where = checkpoint.where();
            PickleDict stateDict = select(checkpoint.root(), entryKey, where);
            Map<String, TensorView> views = tensorViews(stateDict, entryKey, where);
            Map<String, StoredTensor> tensors = new LinkedHashMap<>();
            Map<String, ByteBuffer> storages = new HashMap<>();
            for (Map.Entry<String, TensorView> entry : views.entrySet()) {
                String name = entry.getKey();
                TensorView view = entry.getValue();
                ByteBuffer storage = storages.get(view.storage().key());
                if (storage == null) {
                    storage = checkpoint.storage(view.storage(), name);
                    storages.put(view.storage().key(), storage);
                }
                tensors.put(name, copyOut(name, view, storage, file));
            }
            String source = entryKey == null ? file.toString() : file + "[" + entryKey + "]";
            return new StateDict(source, tensors, moduleVersions(stateDict, where));
        }
    }

    private static PickleDict select(Object root, String entryKey, String where) throws TorchFileFormatException {
        if (entryKey == null) {
            if (root instanceof PickleDict dict) {
                return dict;
            }
            throw new TorchFileFormatException(where + " holds " + describe(root) + ", not a state_dict");
        }
        if (!(root instanceof PickleDict wrapper)) {
            throw new TorchFileFormatException(
                    where + " holds " + describe(root) + ", not a dict with key '" + entryKey + "'");
        }
        Object selected = wrapper.entries().get(entryKey);
        if (!(selected instanceof PickleDict dict)) {
            throw new TorchFileFormatException(where + ": top-level key '" + entryKey + "' "
                    + (wrapper.entries().containsKey(entryKey)
                            ? "holds " + describe(selected) + ", not a state_dict"
                            : "is absent; keys are " + wrapper.entries().keySet()));
        }
        return dict;
    }

    private static Map<String, TensorView> tensorViews(PickleDict dict, String entryKey, String where)
            throws TorchFileFormatException {
        Map<String, TensorView> views = new LinkedHashMap<>();
        for (Map.Entry<Object, Object> entry : dict.entries().entrySet()) {
            if (entry.getKey() instanceof String name && entry.getValue() instanceof TensorView view) {
                views.put(name, view);
                continue;
            }
            String hint = entryKey == null && entry.getValue() instanceof PickleDict
                    ? "; if the file is a checkpoint wrapping the state_dict, name its key (one of "
                            + dict.entries().keySet() + ")"
                    : "";
            throw new TorchFileFormatException(where + ": state_dict entry '" + entry.getKey() + "' holds "
                    + describe(entry.getValue()) + ", not a tensor" + hint);
        }
        return views;
    }

    private static Map<String, Integer> moduleVersions(PickleDict stateDict, String where)
            throws TorchFileFormatException {
        Map<String, Integer> versions = new LinkedHashMap<>();
        Object metadata = stateDict.attributes().get(METADATA_ATTRIBUTE);
        if (metadata == null) {
            return versions;
        }
        if (!(metadata instanceof PickleDict modules)) {
            throw new TorchFileFormatException(where + ": state_dict._metadata holds " + describe(metadata));
        }
        for (Map.Entry<Object, Object> module : modules.entries().entrySet()) {
            if (module.getValue() instanceof PickleDict local
                    && local.entries().get(VERSION_KEY) instanceof Long version) {
                versions.put(String.valueOf(module.getKey()), Math.toIntExact(version));
            }
        }
        return versions;
    }

    /** Copies the elements of a strided view into a dense row-major array. */
    private static StoredTensor copyOut(String name, TensorView view, ByteBuffer storage, Path file)
            throws TorchFileFormatException {
        long[] size = view.size();
        long[] stride = view.stride();
        long numel = StoredTensor.numel(size);
        if (numel > Integer.MAX_VALUE - 8) {
            throw new TorchFileFormatException(
                    file + ": tensor '" + name + "' has " + numel + " elements, more than a Java array holds");
        }
        long last = view.offset();
        for (int d = 0; d < size.length; d++) {
            last += (size[d] - 1) * stride[d];
        }
        if (numel > 0 && (view.offset() < 0 || last >= view.storage().numel())) {
            throw new TorchFileFormatException(file + ": tensor '" + name + "' (offset " + view.offset() + ", size "
                    + Arrays.toString(size) + ", stride " + Arrays.toString(stride) + ") reaches beyond its storage '"
                    + view.storage().key() + "' of " + view.storage().numel() + " elements");
        }
        int[] indices = storageIndices(view, (int) numel);
        TorchDtype dtype = view.storage().dtype();
        if (dtype.isFloatingPoint()) {
            float[] values = new float[indices.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = StorageDecoder.floatAt(storage, dtype, indices[i]);
            }
            return StoredTensor.ofFloats(name, dtype, size, values);
        }
        long[] values = new long[indices.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = StorageDecoder.longAt(storage, dtype, indices[i]);
        }
        return StoredTensor.ofLongs(name, dtype, size, values);
    }

    /** The storage index of each element of the view, in row-major order of the view. */
    private static int[] storageIndices(TensorView view, int numel) {
        long[] size = view.size();
        long[] stride = view.stride();
        int[] indices = new int[numel];
        int[] position = new int[size.length];
        long at = view.offset();
        for (int i = 0; i < numel; i++) {
            indices[i] = (int) at;
            for (int d = size.length - 1; d >= 0; d--) { // odometer step over the view's dimensions
                at += stride[d];
                if (++position[d] < size[d]) {
                    break;
                }
                at -= stride[d] * size[d];
                position[d] = 0;
            }
        }
        return indices;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof PickleDict) {
            return "a dict";
        }
        if (value instanceof TensorView || value instanceof PickleObject) {
            return "a " + value;
        }
        return "a " + value.getClass().getSimpleName() + " (" + value + ")";
    }
}
