package dev.vigil.model.io;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's weights in the safetensors layout (readable by Hugging Face's {@code safetensors}): an 8-byte
 * little-endian header length, a JSON header mapping each torch state_dict key to
 * {@code {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}}, then the raw little-endian float32 data.
 * Only F32 tensors are written and read.
 */
public final class SafetensorsFile {

    private static final String F32 = "F32";
    private static final String METADATA = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsFile() {}

    /** Writes every parameter of the block tree under its torch key. */
    public static void write(Path file, Block model) throws IOException {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        StateDictLoader.parametersByKey(model).forEach((key, parameter) -> arrays.put(key, parameter.getArray()));
        write(file, arrays);
    }

    /** Writes float arrays under their keys, in the map's order. */
    public static void write(Path file, Map<String, NDArray> arrays) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
            ObjectNode tensor = header.putObject(entry.getKey());
            tensor.put("dtype", F32);
            long[] shape = entry.getValue().getShape().getShape();
            tensor.putPOJO("shape", shape);
            long bytes = Float.BYTES * StoredTensor.numel(shape);
            tensor.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(Long.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(headerBytes.length)
                    .array());
            out.write(headerBytes);
            for (NDArray array : arrays.values()) {
                float[] values = array.toFloatArray();
                ByteBuffer data =
                        ByteBuffer.allocate(Float.BYTES * values.length).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(values);
                out.write(data.array());
            }
        }
    }

    /** Reads the tensors; fails naming the file and the entry when the layout is broken. */
    public static StateDict read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < Long.BYTES) {
                throw corrupt(file, "shorter than its 8-byte header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.flip().getLong();
            if (headerLength <= 0 || headerLength > size - Long.BYTES) {
                throw corrupt(file, "header length " + headerLength + " does not fit a file of " + size + " bytes");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, Long.BYTES);
            JsonNode header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            long dataStart = Long.BYTES + headerLength;
            Map<String, StoredTensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getKey().equals(METADATA)) {
                    tensors.put(entry.getKey(), readTensor(file, channel, entry.getKey(), entry.getValue(), dataStart));
                }
            }
            return new StateDict(file.toString(), tensors, Map.of());
        }
    }

    private static StoredTensor readTensor(Path file, FileChannel channel, String key, JsonNode entry, long dataStart)
            throws IOException {
        if (!F32.equals(entry.path("dtype").asText())) {
            throw corrupt(file, "tensor '" + key + "' has dtype " + entry.path("dtype") + "; only F32 is supported");
        }
        JsonNode shapeNode = entry.path("shape");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
        }
        long begin = entry.path("data_offsets").path(0).asLong(-1);
        long end = entry.path("data_offsets").path(1).asLong(-1);
        long expectedBytes = Float.BYTES * StoredTensor.numel(shape);
        if (begin < 0 || end - begin != expectedBytes || dataStart + end > channel.size()) {
            throw corrupt(
                    file,
                    "tensor '" + key + "' data [" + begin + ", " + end + ") does not hold its shape "
                            + Arrays.toString(shape) + " within the file");
        }
        ByteBuffer data = ByteBuffer.allocate((int) expectedBytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, data, dataStart + begin);
        float[] values = new float[(int) StoredTensor.numel(shape)];
        data.flip().asFloatBuffer().get(values);
        return StoredTensor.ofFloats(key, TorchDtype.FLOAT32, shape, values);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of file at byte " + at);
            }
            at += read;
        }
    }

    private static IOException corrupt(Path file, String cause) {
        return new IOException("weights file " + file + ": " + cause);
    }
}
