package dev.vigil.model.teacher.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One node of a graph model: its name, op, inputs ({@code name} or {@code name:k} for a node's k-th output; control
 * inputs {@code ^name} are dropped) and attributes (the JSON of TF's {@code AttrValue}: strings base64-encoded, ints
 * as decimal strings).
 */
public record GraphNode(String name, String op, List<String> inputs, JsonNode attributes) {

    public GraphNode {
        inputs = List.copyOf(inputs);
    }

    /** The node in the model file's JSON. */
    public static GraphNode of(JsonNode json) {
        List<String> inputs = new ArrayList<>();
        for (JsonNode input : json.path("input")) {
            if (!input.asText().startsWith("^")) {
                inputs.add(input.asText());
            }
        }
        return new GraphNode(json.path("name").asText(), json.path("op").asText(), inputs, json.path("attr"));
    }

    /** A string attribute, or {@code fallback} when absent. */
    public String string(String key, String fallback) {
        JsonNode s = attributes.path(key).path("s");
        return s.isMissingNode() ? fallback : decode(s.asText());
    }

    /** A list-of-strings attribute (e.g. {@code fused_ops}); empty when absent. */
    public List<String> strings(String key) {
        List<String> values = new ArrayList<>();
        for (JsonNode s : attributes.path(key).path("list").path("s")) {
            values.add(decode(s.asText()));
        }
        return values;
    }

    /** A list-of-ints attribute (e.g. {@code strides}), or {@code fallback} when absent or empty. */
    public int[] ints(String key, int... fallback) {
        JsonNode list = attributes.path(key).path("list").path("i");
        if (!list.isArray() || list.isEmpty()) {
            return fallback;
        }
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.toIntExact(Long.parseLong(list.get(i).asText()));
        }
        return values;
    }

    /** An int attribute, or {@code fallback} when absent. */
    public int integer(String key, int fallback) {
        JsonNode i = attributes.path(key).path("i");
        return i.isMissingNode() ? fallback : Math.toIntExact(Long.parseLong(i.asText()));
    }

    /** A float attribute, or {@code fallback} when absent. */
    public float real(String key, float fallback) {
        JsonNode f = attributes.path(key).path("f");
        return f.isMissingNode() ? fallback : (float) f.asDouble();
    }

    /** A bool attribute, or {@code fallback} when absent. */
    public boolean bool(String key, boolean fallback) {
        JsonNode b = attributes.path(key).path("b");
        return b.isMissingNode() ? fallback : b.asBoolean();
    }

    /** A type attribute ({@code DstT}, {@code dtype}), or null when absent. */
    public TfDataType type(String key) {
        JsonNode t = attributes.path(key).path("type");
        return t.isMissingNode() ? null : TfDataType.parse(t.asText());
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return name + " (" + op + ")";
    }
}
