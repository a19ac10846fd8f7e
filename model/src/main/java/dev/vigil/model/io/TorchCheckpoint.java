package dev.vigil.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** An opened {@code torch.save} file: its unpickled object and the storages that the object's tensors view. */
interface TorchCheckpoint extends AutoCloseable {

    /** First bytes of a zip archive, the format of torch >= 1.6. */
    byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    /** A pickle's first opcode (PROTO): the legacy format starts with a pickled magic number. */
    int PICKLE_PROTO = 0x80;

    /** The unpickled top-level object. */
    Object root();

    /** The file and entry that held the pickle, for error messages. */
    String where();

    /** The bytes of a storage (little-endian unless the file says otherwise); fails naming the tensor needing it. */
    ByteBuffer storage(StorageReference storage, String tensorName) throws IOException;

    @Override
    void close() throws IOException;

    /** Opens a file in the zip format of torch >= 1.6 or in the legacy format of torch 0.4 to 1.5. */
    static TorchCheckpoint open(Path file) throws IOException {
        byte[] head;
        try (InputStream stream = Files.newInputStream(file)) {
            head = stream.readNBytes(ZIP_MAGIC.length);
        }
        if (head.length == ZIP_MAGIC.length && java.util.Arrays.equals(head, ZIP_MAGIC)) {
            return ZipCheckpoint.open(file);
        }
        if (head.length > 0 && (head[0] & 0xff) == PICKLE_PROTO) {
            return LegacyCheckpoint.open(file);
        }
        throw new TorchFileFormatException(file + " is not a torch.save file: it starts neither like a zip archive "
                + "(torch >= 1.6) nor like a pickle (legacy format)");
    }
}
