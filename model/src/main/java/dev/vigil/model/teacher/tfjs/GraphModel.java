package dev.vigil.model.teacher.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TF.js graph model as read from disk: its nodes (constants' values in {@link #weights()}), its input placeholders
 * and the outputs its signature names.
 *
 * @param file the {@code model.json}
 * @param nodes every node, in file order, by name
 * @param weights the values of the {@code Const} nodes, by name
 * @param inputs the names of the {@code Placeholder} nodes
 * @param inputShapes each input's shape from its {@code shape} attribute (-1 where unknown)
 * @param outputs the signature's output names, or the nodes no other node reads when there is no signature
 */
public record GraphModel(
        Path file,
        Map<String, GraphNode> nodes,
        Map<String, ConstantTensor> weights,
        List<String> inputs,
        Map<String, long[]> inputShapes,
        List<String> outputs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads {@code model.json} and the weight shards it names (beside it).
     *
     * @throws NoSuchFileException when the file or a shard is missing
     * @throws IOException naming the file and the cause when it is not a TF.js graph model this reader can run
     */
    public static GraphModel read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "TF.js graph model not found");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("TF.js model " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!"graph-model".equals(root.path("format").asText("graph-model"))
                || !root.path("modelTopology").path("node").isArray()) {
            throw new IOException("TF.js model " + file + " is not a graph model (format '"
                    + root.path("format").asText() + "', no modelTopology.node)");
        }
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        for (JsonNode json : root.path("modelTopology").path("node")) {
            GraphNode node = GraphNode.of(json);
            if (nodes.put(node.name(), node) != null) {
                throw new IOException("TF.js model " + file + " has two nodes named " + node.name());
            }
        }
        Map<String, ConstantTensor> weights;
        try {
            weights = WeightShards.read(
                    root.path("weightsManifest"), file.toAbsolutePath().getParent());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException("TF.js model " + file + ": " + e.getMessage(), e);
        }
        List<String> inputs = new ArrayList<>();
        Map<String, long[]> inputShapes = new LinkedHashMap<>();
        for (GraphNode node : nodes.values()) {
            if (node.op().equals("Const") && !weights.containsKey(node.name())) {
                throw new IOException("TF.js model " + file + ": constant " + node.name() + " has no weight");
            }
            if (node.op().equals("Placeholder")) {
                inputs.add(node.name());
                JsonNode dims = node.attributes().path("shape").path("shape").path("dim");
                long[] shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).path("size").asLong(-1);
                }
                inputShapes.put(node.name(), shape);
            }
        }
        return new GraphModel(file, nodes, weights, inputs, inputShapes, outputs(root, nodes));
    }

    private static List<String> outputs(JsonNode root, Map<String, GraphNode> nodes) {
        List<String> outputs = new ArrayList<>();
        root.path("signature")
                .path("outputs")
                .fields()
                .forEachRemaining(e ->
                        outputs.add(e.getValue().path("name").asText(e.getKey()).replaceFirst(":0$", "")));
        if (!outputs.isEmpty()) {
            return outputs;
        }
        Set<String> read = new HashSet<>();
        nodes.values().forEach(n -> n.inputs().forEach(i -> read.add(GraphExecutor.nodeOf(i))));
        nodes.values().stream()
                .filter(n -> !read.contains(n.name()) && !n.op().equals("Const"))
                .forEach(n -> outputs.add(n.name()));
        return outputs;
    }
}
