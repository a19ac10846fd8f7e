package dev.vigil.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's weights in the safetensors layout (readable by Hugging Face's {@code safetensors}): an 8-byte
 * little-endian header length, a JSON header mapping each torch state_dict key to
 * {@code {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}}, then the raw little-endian data. Encoding
 * and decoding are DJL's ({@link NDList.Encoding#SAFETENSORS}); this class names the tensors by their state_dict keys,
 * keeps to float32, and checks the header's length against the file before DJL allocates for it, so a broken file
 * fails naming itself.
 */
public final class SafetensorsFile {

    private static final ObjectMapper HEADER_JSON = new ObjectMapper();

    private SafetensorsFile() {}

    /** Writes every parameter of the block tree under its torch key. */
    public static void write(Path file, Block model) throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        StateDictLoader.parametersByKey(model).forEach((key, parameter) -> arrays.put(key, parameter.getArray()));
        write(file, arrays);
    }

    /** Writes float arrays under their keys, the data in the map's order. */
    public static void write(Path file, Map<String, NDArray> arrays) throws IOException {
        NDList named = new NDList(arrays.size());
        List<String> previousNames = new ArrayList<>(arrays.size());
        for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
            NDArray array = entry.getValue();
            if (array.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("weights file " + file + ": tensor '" + entry.getKey() + "' is "
                        + array.getDataType() + "; only float32 is written");
            }
            previousNames.add(array.getName());
            array.setName(entry.getKey());
            named.add(array);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            named.encode(out, NDList.Encoding.SAFETENSORS);
        } finally {
            for (int i = 0; i < named.size(); i++) {
                named.get(i).setName(previousNames.get(i));
            }
        }
    }

    /** Reads the tensors; fails naming the file and the cause when the layout is broken or a tensor is not F32. */
    public static StateDict read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(file.toString(), Files.size(file), in);
        }
    }

    /**
     * Reads the tensors from a file's content held in memory.
     *
     * @param name the file's name, for messages
     */
    public static StateDict read(String name, byte[] content) throws IOException {
        return read(name, content.length, new ByteArrayInputStream(content));
    }

    /** Reads the {@code size} bytes of {@code in}: the 8-byte header length, the JSON header, the tensors' data. */
    private static StateDict read(String name, long size, InputStream in) throws IOException {
        byte[] lengthBytes = in.readNBytes(Long.BYTES);
        if (lengthBytes.length < Long.BYTES) {
            throw corrupt(name, "shorter than its 8-byte header length");
        }
        long headerLength =
                ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        checkHeaderLength(name, size, headerLength);
        byte[] header = in.readNBytes((int) headerLength);
        InputStream whole = new SequenceInputStream(
                new SequenceInputStream(new ByteArrayInputStream(lengthBytes), new ByteArrayInputStream(header)), in);
        return inDataOrder(decode(name, whole), header);
    }

    private static StateDict decode(String name, InputStream in) throws IOException {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        try (NDManager scope = NDManager.newBaseManager()) {
            for (NDArray array : NDList.decode(scope, in)) {
                if (array.getDataType() != DataType.FLOAT32) {
                    throw corrupt(
                            name,
                            "tensor '" + array.getName() + "' has dtype " + array.getDataType()
                                    + "; only F32 is supported");
                }
                tensors.put(
                        array.getName(),
                        StoredTensor.ofFloats(
                                array.getName(),
                                TorchDtype.FLOAT32,
                                array.getShape().getShape(),
                                array.toFloatArray()));
            }
        } catch (RuntimeException e) {
            throw corrupt(name, "unreadable (" + e.getMessage() + ")");
        }
        return new StateDict(name, tensors, Map.of());
    }

    /**
     * The tensors in the order of their data in the file, whatever the order of the header's keys (DJL writes the
     * header from a hash map): so that writing them again gives the same data layout.
     */
    private static StateDict inDataOrder(StateDict read, byte[] header) throws IOException {
        JsonNode entries = HEADER_JSON.readTree(header);
        List<String> names = new ArrayList<>(read.tensors().keySet());
        names.sort(Comparator.comparingLong(
                name -> entries.path(name).path("data_offsets").path(0).asLong(Long.MAX_VALUE)));
        Map<String, StoredTensor> ordered = new LinkedHashMap<>();
        names.forEach(name -> ordered.put(name, read.tensors().get(name)));
        return new StateDict(read.source(), ordered, Map.of());
    }

    /** The header must fit the file: DJL allocates what the first 8 bytes say. */
    private static void checkHeaderLength(String name, long size, long headerLength) throws IOException {
        if (headerLength <= 0 || headerLength > size - Long.BYTES) {
            throw corrupt(name, "header length " + headerLength + " does not fit a file of " + size + " bytes");
        }
    }

    private static IOException corrupt(String name, String cause) {
        return new IOException("weights file " + name + ": " + cause);
    }
}
