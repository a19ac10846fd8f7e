package dev.vigil.model.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ONNX operator test vectors (Debian's libonnx-testdata) without a protobuf dependency: TensorProto files
 * (input_N.pb, output_0.pb) and the attributes of the single node of a node test's model.onnx, decoded from the
 * protobuf wire format by hand.
 */
public final class OnnxTestData {

    /** Where libonnx-testdata installs the node tests. */
    public static final Path NODE_TESTS = Path.of("/usr/share/libonnx-testdata/data/node");

    private static final int FLOAT = 1;
    private static final int INT32 = 6;
    private static final int INT64 = 7;

    private OnnxTestData() {}

    /** A decoded TensorProto: its dims and its values as floats or longs (by data type). */
    public record Tensor(String name, long[] dims, int dataType, float[] floats, long[] longs) {
        public int size() {
            return dataType == FLOAT ? floats.length : longs.length;
        }
    }

    public static Path nodeTest(String name) {
        return NODE_TESTS.resolve(name);
    }

    public static Tensor tensor(Path pbFile) throws IOException {
        return decodeTensor(new Wire(Files.readAllBytes(pbFile)));
    }

    /** Attributes of the first node of the graph: name → Float, Long or String. */
    public static Map<String, Object> nodeAttributes(Path modelOnnx) throws IOException {
        Wire model = new Wire(Files.readAllBytes(modelOnnx));
        Wire graph = model.message(7);
        Wire node = graph.message(1);
        Map<String, Object> attributes = new LinkedHashMap<>();
        while (node.hasMore()) {
            int tag = node.tag();
            if (tag >>> 3 == 5 && (tag & 7) == 2) {
                readAttribute(node.bytes(), attributes);
            } else {
                node.skip(tag);
            }
        }
        return attributes;
    }

    private static void readAttribute(Wire attribute, Map<String, Object> into) {
        String name = null;
        Object value = null;
        while (attribute.hasMore()) {
            int tag = attribute.tag();
            switch (tag >>> 3) {
                case 1 -> name = new String(attribute.bytes().rest(), StandardCharsets.UTF_8);
                case 2 -> value = attribute.float32();
                case 3 -> value = attribute.varint();
                case 4 -> value = new String(attribute.bytes().rest(), StandardCharsets.UTF_8);
                default -> attribute.skip(tag);
            }
        }
        into.put(name, value);
    }

    private static Tensor decodeTensor(Wire w) {
        List<Long> dims = new ArrayList<>();
        List<Float> floats = new ArrayList<>();
        List<Long> longs = new ArrayList<>();
        byte[] raw = null;
        String name = "";
        int dataType = 0;
        while (w.hasMore()) {
            int tag = w.tag();
            int field = tag >>> 3;
            boolean packed = (tag & 7) == 2;
            switch (field) {
                case 1 -> readLongs(w, packed, dims);
                case 2 -> dataType = (int) w.varint();
                case 4 -> {
                    if (packed) {
                        Wire p = w.bytes();
                        while (p.hasMore()) {
                            floats.add(p.float32());
                        }
                    } else {
                        floats.add(w.float32());
                    }
                }
                case 5, 7 -> readLongs(w, packed, longs);
                case 8 -> name = new String(w.bytes().rest(), StandardCharsets.UTF_8);
                case 9 -> raw = w.bytes().rest();
                default -> w.skip(tag);
            }
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        if (raw != null) {
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            switch (dataType) {
                case FLOAT -> {
                    while (b.hasRemaining()) {
                        floats.add(b.getFloat());
                    }
                }
                case INT32 -> {
                    while (b.hasRemaining()) {
                        longs.add((long) b.getInt());
                    }
                }
                case INT64 -> {
                    while (b.hasRemaining()) {
                        longs.add(b.getLong());
                    }
                }
                default -> throw new IllegalStateException("unsupported tensor data type " + dataType);
            }
        }
        float[] f = new float[floats.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = floats.get(i);
        }
        return new Tensor(
                name, d, dataType, f, longs.stream().mapToLong(Long::longValue).toArray());
    }

    private static void readLongs(Wire w, boolean packed, List<Long> into) {
        if (packed) {
            Wire p = w.bytes();
            while (p.hasMore()) {
                into.add(p.varint());
            }
        } else {
            into.add(w.varint());
        }
    }

    /** A cursor over protobuf wire-format bytes. */
    private static final class Wire {
        private final byte[] data;
        private int pos;
        private final int end;

        Wire(byte[] data) {
            this(data, 0, data.length);
        }

        private Wire(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        boolean hasMore() {
            return pos < end;
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[pos++];
                result |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return result;
                }
            }
            throw new IllegalStateException("malformed varint");
        }

        float float32() {
            float f =
                    ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
            pos += 4;
            return f;
        }

        Wire bytes() {
            int length = (int) varint();
            Wire sub = new Wire(data, pos, pos + length);
            pos += length;
            return sub;
        }

        byte[] rest() {
            byte[] out = Arrays.copyOfRange(data, pos, end);
            pos = end;
            return out;
        }

        /** The first length-delimited field {@code field} of this message. */
        Wire message(int field) {
            while (hasMore()) {
                int tag = tag();
                if (tag >>> 3 == field && (tag & 7) == 2) {
                    return bytes();
                }
                skip(tag);
            }
            throw new IllegalStateException("field " + field + " not found");
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes();
                case 5 -> pos += 4;
                default -> throw new IllegalStateException("unsupported wire type " + (tag & 7));
            }
        }
    }
}
