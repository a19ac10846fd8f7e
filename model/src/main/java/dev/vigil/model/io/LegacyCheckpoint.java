package dev.vigil.model.io;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream that {@code torch.save} wrote before torch 1.6 (and with {@code _use_new_zipfile_serialization=False}),
 * still the format of torchvision's older checkpoints such as its COCO Faster R-CNN weights: four pickles
 * (magic number, protocol version, sys info, the object), a pickled list of storage keys, then for each key in
 * that order an int64 element count and the raw little-endian elements.
 */
final class LegacyCheckpoint implements TorchCheckpoint {

    private static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL_VERSION = 1001;

    private final Path file;
    private final Object root;
    private final Map<String, ByteBuffer> storages;

    private LegacyCheckpoint(Path file, Object root, Map<String, ByteBuffer> storages) {
        this.file = file;
        this.root = root;
        this.storages = storages;
    }

    static LegacyCheckpoint open(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new TorchFileFormatException(file + ": legacy-format files over 2 GiB are not supported");
        }
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        String where = where(file);
        Object magic = new PickleMachine(in, where).run();
        Object protocol = new PickleMachine(in, where).run();
        if (!MAGIC_NUMBER.equals(asBigInteger(magic))
                || !Long.valueOf(PROTOCOL_VERSION).equals(protocol)) {
            throw new TorchFileFormatException(file + " is a pickle but not a torch.save file (magic number " + magic
                    + ", protocol " + protocol + ")");
        }
        new PickleMachine(in, where).run(); // sys info: byte order and type sizes; storages are little-endian
        PickleMachine objectPickle = new PickleMachine(in, where);
        Object root = objectPickle.run();
        Map<String, StorageReference> referenced = objectPickle.storages();
        if (!(new PickleMachine(in, where).run() instanceof List<?> keys)) {
            throw new TorchFileFormatException(where + ": no list of storage keys after the pickled object");
        }
        Map<String, ByteBuffer> storages = new HashMap<>();
        try {
            for (Object key : keys) {
                StorageReference storage = referenced.get(String.valueOf(key));
                long numel = in.getLong();
                if (storage == null || numel != storage.numel()) {
                    throw new TorchFileFormatException(
                            file + ": storage '" + key + "' holds " + numel + " elements, the pickle named " + storage);
                }
                int bytes = Math.toIntExact(numel * storage.dtype().bytesPerElement());
                storages.put(storage.key(), in.slice(in.position(), bytes).order(ByteOrder.LITTLE_ENDIAN));
                in.position(in.position() + bytes);
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new TorchFileFormatException(file + ": the file ends inside its storages", e);
        }
        return new LegacyCheckpoint(file, root, storages);
    }

    private static BigInteger asBigInteger(Object value) {
        if (value instanceof BigInteger big) {
            return big;
        }
        return value instanceof Long small ? BigInteger.valueOf(small) : null;
    }

    @Override
    public Object root() {
        return root;
    }

    @Override
    public String where() {
        return where(file);
    }

    private static String where(Path file) {
        return file + " (legacy format)";
    }

    @Override
    public ByteBuffer storage(StorageReference storage, String tensorName) throws IOException {
        ByteBuffer bytes = storages.get(storage.key());
        if (bytes == null) {
            throw new TorchFileFormatException(
                    file + ": storage '" + storage.key() + "' for tensor '" + tensorName + "' is missing");
        }
        return bytes;
    }

    @Override
    public void close() {
        // the whole file was read into memory
    }
}
