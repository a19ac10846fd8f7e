package dev.vigil.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The zip container that {@code torch.save} writes since torch 1.6: {@code <name>/data.pkl} (the pickled
 * object), {@code <name>/data/<key>} (one raw storage per key), {@code <name>/version} and, in newer
 * versions, {@code <name>/byteorder}.
 */
final class ZipCheckpoint implements TorchCheckpoint {

    private static final String PICKLE = "data.pkl";

    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final ByteOrder byteOrder;
    private final Object root;

    private ZipCheckpoint(Path file, ZipFile zip, String prefix, ByteOrder byteOrder) throws IOException {
        this.file = file;
        this.zip = zip;
        this.prefix = prefix;
        this.byteOrder = byteOrder;
        this.root = PickleMachine.unpickle(read(zip, zip.getEntry(prefix + PICKLE)), where());
    }

    static ZipCheckpoint open(Path file) throws IOException {
        ZipFile zip = new ZipFile(file.toFile());
        try {
            String dataPkl = Collections.list(zip.entries()).stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.endsWith("/" + PICKLE) && name.indexOf('/') == name.length() - 9)
                    .findFirst()
                    .orElseThrow(() -> new TorchFileFormatException(file + " is a zip archive without <name>/"
                            + PICKLE
                            + (zip.stream().anyMatch(e -> e.getName().endsWith("/constants.pkl"))
                                    ? " (a TorchScript archive: save model.state_dict() with torch.save instead)"
                                    : "")));
            String prefix = dataPkl.substring(0, dataPkl.length() - PICKLE.length());
            ZipEntry byteOrderEntry = zip.getEntry(prefix + "byteorder");
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            if (byteOrderEntry != null) {
                String text = new String(read(zip, byteOrderEntry), StandardCharsets.US_ASCII).trim();
                order = "big".equals(text) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
            return new ZipCheckpoint(file, zip, prefix, order);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    @Override
    public Object root() {
        return root;
    }

    @Override
    public String where() {
        return file + "!" + prefix + PICKLE;
    }

    @Override
    public ByteBuffer storage(StorageReference storage, String tensorName) throws IOException {
        String entryName = prefix + "data/" + storage.key();
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
            throw new TorchFileFormatException(
                    file + ": storage record '" + entryName + "' for tensor '" + tensorName + "' is missing");
        }
        byte[] bytes = read(zip, entry);
        long needed = storage.numel() * storage.dtype().bytesPerElement();
        if (bytes.length < needed) {
            throw new TorchFileFormatException(file + ": storage record '" + entryName + "' for tensor '" + tensorName
                    + "' has " + bytes.length + " bytes, " + storage.numel() + " " + storage.dtype()
                    + " elements need " + needed);
        }
        return ByteBuffer.wrap(bytes).order(byteOrder);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private static byte[] read(ZipFile zip, ZipEntry entry) throws IOException {
        if (entry.getSize() > Integer.MAX_VALUE - 8) {
            throw new TorchFileFormatException(
                    zip.getName() + ": record '" + entry.getName() + "' is larger than 2 GiB");
        }
        try (InputStream stream = zip.getInputStream(entry)) {
            return stream.readAllBytes();
        }
    }
}
