package dev.vigil.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The zip container that {@code torch.save} writes since torch 1.6: {@code <name>/data.pkl} (the pickled
 * object), {@code <name>/data/<key>} (one raw storage per key), {@code <name>/version} and, in newer
 * versions, {@code <name>/byteorder}.
 */
final class TorchArchive implements AutoCloseable {

    private static final int PICKLE_PROTO_OPCODE = 0x80;

    private final Path file;
    private final ZipFile zip;
    private final String prefix;
    private final ByteOrder byteOrder;

    private TorchArchive(Path file, ZipFile zip, String prefix, ByteOrder byteOrder) {
        this.file = file;
        this.zip = zip;
        this.prefix = prefix;
        this.byteOrder = byteOrder;
    }

    static TorchArchive open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new TorchFileFormatException(file + " is not a torch.save zip archive: " + describeNonZip(file), e);
        }
        try {
            String dataPkl = Collections.list(zip.entries()).stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - 9)
                    .findFirst()
                    .orElseThrow(() -> new TorchFileFormatException(file + " is a zip archive without <name>/data.pkl"
                            + (zip.getEntry(firstDirectory(zip) + "constants.pkl") != null
                                    ? " (a TorchScript archive: save model.state_dict() instead)" : "")));
            String prefix = dataPkl.substring(0, dataPkl.length() - "data.pkl".length());
            ZipEntry byteOrderEntry = zip.getEntry(prefix + "byteorder");
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            if (byteOrderEntry != null) {
                String text = new String(read(zip, byteOrderEntry), StandardCharsets.US_ASCII).trim();
                order = "big".equals(text) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
            return new TorchArchive(file, zip, prefix, order);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** The name of the pickle entry, e.g. {@code resnet50/data.pkl}. */
    String pickleEntryName() {
        return prefix + "data.pkl";
    }

    byte[] pickle() throws IOException {
        return read(zip, zip.getEntry(pickleEntryName()));
    }

    /** The raw bytes of storage {@code key}, in the archive's byte order; fails naming the tensor that needs it. */
    ByteBuffer storage(StorageReference storage, String tensorName) throws IOException {
        String entryName = prefix + "data/" + storage.key();
        ZipEntry entry = zip.getEntry(entryName);
        if (entry == null) {
            throw new TorchFileFormatException(file + ": storage record '" + entryName + "' for tensor '" + tensorName
                    + "' is missing");
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
            throw new TorchFileFormatException(zip.getName() + ": record '" + entry.getName()
                    + "' is larger than 2 GiB");
        }
        try (InputStream stream = zip.getInputStream(entry)) {
            return stream.readAllBytes();
        }
    }

    private static String firstDirectory(ZipFile zip) {
        return zip.stream().map(ZipEntry::getName).filter(n -> n.contains("/")).findFirst()
                .map(n -> n.substring(0, n.indexOf('/') + 1)).orElse("");
    }

    private static String describeNonZip(Path file) throws IOException {
        byte[] head = new byte[2];
        try (InputStream stream = Files.newInputStream(file)) {
            if (stream.readNBytes(head, 0, 2) == 2 && (head[0] & 0xff) == PICKLE_PROTO_OPCODE) {
                return "it is the legacy (pre-1.6, _use_new_zipfile_serialization=False) format; "
                        + "re-save it with torch.save(obj, path) from torch >= 1.6";
            }
        }
        return "it does not start like a zip or pickle file";
    }
}
