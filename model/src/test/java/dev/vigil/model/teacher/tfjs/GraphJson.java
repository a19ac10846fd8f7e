package dev.vigil.model.teacher.tfjs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Writes small TF.js graph models for tests, in the converter's format: nodes with TF attributes (strings base64),
 * constants as float32 / int32 weights in one shard.
 */
final class GraphJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArrayNode nodes = JSON.createArrayNode();
    private final ArrayNode weights = JSON.createArrayNode();
    private final List<byte[]> data = new ArrayList<>();

    /** A float32 input placeholder. */
    GraphJson input(String name, long... shape) {
        ObjectNode node = node(name, "Placeholder");
        ArrayNode dims =
                node.putObject("attr").putObject("shape").putObject("shape").putArray("dim");
        for (long d : shape) {
            dims.addObject().put("size", String.valueOf(d));
        }
        node.with("attr").putObject("dtype").put("type", "DT_FLOAT");
        return this;
    }

    GraphJson floats(String name, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return constant(name, shape, "float32", "DT_FLOAT", b.array());
    }

    GraphJson ints(String name, long[] shape, int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return constant(name, shape, "int32", "DT_INT32", b.array());
    }

    private GraphJson constant(String name, long[] shape, String dtype, String tfType, byte[] bytes) {
        node(name, "Const").putObject("attr").putObject("dtype").put("type", tfType);
        ObjectNode w = weights.addObject().put("name", name).put("dtype", dtype);
        ArrayNode s = w.putArray("shape");
        for (long d : shape) {
            s.add(d);
        }
        data.add(bytes);
        return this;
    }

    /** An op node; {@code attributes} are (key, AttrValue JSON) pairs made by the helpers below. */
    GraphJson op(String name, String op, List<String> inputs, Object... attributes) {
        ObjectNode node = node(name, op);
        ArrayNode in = node.putArray("input");
        inputs.forEach(in::add);
        ObjectNode attr = node.putObject("attr");
        for (int i = 0; i < attributes.length; i += 2) {
            attr.set((String) attributes[i], (ObjectNode) attributes[i + 1]);
        }
        return this;
    }

    static ObjectNode string(String value) {
        return JSON.createObjectNode()
                .put("s", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    static ObjectNode strings(String... values) {
        ObjectNode v = JSON.createObjectNode();
        ArrayNode list = v.putObject("list").putArray("s");
        for (String s : values) {
            list.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        }
        return v;
    }

    static ObjectNode intList(int... values) {
        ObjectNode v = JSON.createObjectNode();
        ArrayNode list = v.putObject("list").putArray("i");
        for (int i : values) {
            list.add(String.valueOf(i));
        }
        return v;
    }

    static ObjectNode integer(int value) {
        return JSON.createObjectNode().put("i", String.valueOf(value));
    }

    static ObjectNode bool(boolean value) {
        return JSON.createObjectNode().put("b", value);
    }

    static ObjectNode real(float value) {
        return JSON.createObjectNode().put("f", value);
    }

    static ObjectNode type(String tfType) {
        return JSON.createObjectNode().put("type", tfType);
    }

    private ObjectNode node(String name, String op) {
        return nodes.addObject().put("name", name).put("op", op);
    }

    /** Writes {@code dir/model.json} and {@code dir/weights.bin}; returns the model file. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode().put("format", "graph-model").put("generatedBy", "vigil-test");
        ObjectNode topology = root.putObject("modelTopology");
        topology.set("node", nodes);
        topology.putObject("versions").put("producer", 440);
        ObjectNode group = root.putArray("weightsManifest").addObject();
        group.putArray("paths").add("weights.bin");
        group.set("weights", weights);
        int size = data.stream().mapToInt(b -> b.length).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        data.forEach(all::put);
        Files.write(dir.resolve("weights.bin"), all.array());
        Path model = dir.resolve("model.json");
        JSON.writeValue(model.toFile(), root);
        return model;
    }
}
