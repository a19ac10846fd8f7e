package dev.vigil.model.teacher.tfjs;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a {@link GraphModel} on DJL: its constants become arrays once, and each {@link #run} executes the nodes the
 * requested outputs depend on in topological order, one {@link OpKernel} each, freeing every intermediate as soon as
 * its last reader has run. Not thread-safe.
 */
public final class GraphExecutor implements AutoCloseable {

    private final GraphModel model;
    private final Map<String, OpKernel> kernels;
    private final NDManager manager;
    /** Holds the constants only; results of ops whose first operand is a constant land here too, and are swept. */
    private final NDManager constantsManager;

    private final Map<String, NDArray> constants = new HashMap<>();
    private final Set<NDArray> constantArrays = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<List<String>, List<GraphNode>> plans = new HashMap<>();

    private GraphExecutor(GraphModel model, Map<String, OpKernel> kernels, NDManager manager) {
        this.model = model;
        this.kernels = kernels;
        this.manager = manager;
        this.constantsManager = manager.newSubManager();
    }

    /**
     * Prepares {@code model} to run on arrays of {@code parent}'s device.
     *
     * @throws IllegalArgumentException naming every op of the model this reader does not support
     */
    public static GraphExecutor load(GraphModel model, NDManager parent) {
        Map<String, OpKernel> kernels = OpKernels.standard();
        Set<String> unknown = new TreeSet<>();
        for (GraphNode node : model.nodes().values()) {
            if (!node.op().equals("Const") && !node.op().equals("Placeholder") && !kernels.containsKey(node.op())) {
                unknown.add(node.op());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "TF.js model " + model.file() + " uses ops this reader does not support: " + unknown);
        }
        GraphExecutor executor = new GraphExecutor(model, kernels, parent.newSubManager());
        model.weights().forEach((name, weight) -> {
            NDArray array = weight.toNDArray(executor.constantsManager);
            executor.constants.put(name, array);
            executor.constantArrays.add(array);
        });
        return executor;
    }

    public GraphModel model() {
        return model;
    }

    /** The node name of an input reference ({@code name} or {@code name:k}). */
    static String nodeOf(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon < 0 ? reference : reference.substring(0, colon);
    }

    private static int outputIndexOf(String reference) {
        int colon = reference.lastIndexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(reference.substring(colon + 1));
    }

    /**
     * Runs the graph.
     *
     * @param feeds a value for each input placeholder the outputs need, by name (not modified or closed)
     * @param outputs the tensors wanted ({@code name} or {@code name:k})
     * @param results where the outputs are attached; everything else this run made is freed
     * @return the outputs, by the names asked
     * @throws IllegalArgumentException naming an unknown output or a missing feed, or the node whose op failed
     */
    public Map<String, NDArray> run(Map<String, NDArray> feeds, List<String> outputs, NDManager results) {
        List<GraphNode> plan = plans.computeIfAbsent(List.copyOf(outputs), this::plan);
        Set<NDArray> foreign = Collections.newSetFromMap(new IdentityHashMap<>());
        foreign.addAll(constantArrays);
        foreign.addAll(feeds.values());
        Map<String, Integer> readsLeft = readCounts(plan, outputs);
        Map<String, NDList> values = new HashMap<>();
        try (NDManager frame = manager.newSubManager()) {
            for (GraphNode node : plan) {
                values.put(node.name(), evaluate(node, values, feeds, frame, foreign));
                for (String input : node.inputs()) {
                    release(nodeOf(input), readsLeft, values, foreign);
                }
            }
            Map<String, NDArray> result = new LinkedHashMap<>();
            for (String output : outputs) {
                NDArray array = values.get(nodeOf(output)).get(outputIndexOf(output));
                result.put(output, foreign.contains(array) ? array.duplicate() : array);
                result.get(output).attach(results);
            }
            return result;
        } finally {
            sweepConstantsManager();
        }
    }

    /**
     * Frees what a kernel left in the constants' manager: DJL puts an op's result in its first operand's manager, and
     * the kernels' scopes free such temporaries as a rule; this makes sure of it.
     */
    private void sweepConstantsManager() {
        for (NDArray array : ((BaseNDManager) constantsManager).getManagedArrays()) {
            if (!constantArrays.contains(array)) {
                array.close();
            }
        }
    }

    private NDList evaluate(
            GraphNode node,
            Map<String, NDList> values,
            Map<String, NDArray> feeds,
            NDManager frame,
            Set<NDArray> foreign) {
        switch (node.op()) {
            case "Const":
                return new NDList(constants.get(node.name()));
            case "Placeholder":
                NDArray feed = feeds.get(node.name());
                if (feed == null) {
                    throw new IllegalArgumentException("no value given for input " + node.name());
                }
                return new NDList(feed);
            default:
                break;
        }
        NDList inputs = new NDList(node.inputs().size());
        for (String input : node.inputs()) {
            NDList value = values.get(nodeOf(input));
            int index = outputIndexOf(input);
            if (value == null || index >= value.size()) {
                throw new IllegalArgumentException(node + ": input " + input + " has no value");
            }
            inputs.add(value.get(index));
        }
        NDList out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try {
                out = kernels.get(node.op()).run(node, inputs);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        node + " failed on inputs " + shapes(inputs) + ": " + e.getMessage(), e);
            }
            NDScope.unregister(out);
        }
        for (NDArray array : out) {
            if (!foreign.contains(array)) {
                array.attach(frame);
            }
        }
        return out;
    }

    private void release(
            String name, Map<String, Integer> readsLeft, Map<String, NDList> values, Set<NDArray> foreign) {
        Integer left = readsLeft.merge(name, -1, Integer::sum);
        if (left == null || left > 0) {
            return;
        }
        NDList value = values.remove(name);
        if (value == null) {
            return;
        }
        Set<NDArray> live = Collections.newSetFromMap(new IdentityHashMap<>());
        values.values().forEach(live::addAll);
        for (NDArray array : value) {
            if (!foreign.contains(array) && !live.contains(array)) {
                array.close();
            }
        }
    }

    /** How often each node is read by the plan; outputs count one more read, so they are never freed. */
    private static Map<String, Integer> readCounts(List<GraphNode> plan, List<String> outputs) {
        Map<String, Integer> counts = new HashMap<>();
        for (GraphNode node : plan) {
            for (String input : node.inputs()) {
                counts.merge(nodeOf(input), 1, Integer::sum);
            }
        }
        outputs.forEach(o -> counts.merge(nodeOf(o), 1, Integer::sum));
        return counts;
    }

    /** The nodes the outputs depend on, each after its inputs (depth-first, iterative). */
    private List<GraphNode> plan(List<String> outputs) {
        List<GraphNode> order = new ArrayList<>();
        Map<String, Boolean> state = new HashMap<>(); // false: in progress, true: done
        for (String output : outputs) {
            String root = nodeOf(output);
            if (!model.nodes().containsKey(root)) {
                throw new IllegalArgumentException("TF.js model " + model.file() + " has no node " + root);
            }
            List<String[]> stack = new ArrayList<>();
            stack.add(new String[] {root});
            while (!stack.isEmpty()) {
                String name = stack.get(stack.size() - 1)[0];
                GraphNode node = model.nodes().get(name);
                if (node == null) {
                    throw new IllegalArgumentException(
                            "TF.js model " + model.file() + ": node " + name + " is missing");
                }
                if (Boolean.TRUE.equals(state.get(name))) {
                    stack.remove(stack.size() - 1);
                    continue;
                }
                state.put(name, false);
                boolean ready = true;
                for (String input : node.inputs()) {
                    String dependency = nodeOf(input);
                    Boolean s = state.get(dependency);
                    if (s == null) {
                        stack.add(new String[] {dependency});
                        ready = false;
                    } else if (!s) {
                        throw new IllegalArgumentException(
                                "TF.js model " + model.file() + " has a cycle through " + dependency);
                    }
                }
                if (ready) {
                    state.put(name, true);
                    order.add(node);
                    stack.remove(stack.size() - 1);
                }
            }
        }
        return order;
    }

    private static String shapes(NDList inputs) {
        List<String> shapes = new ArrayList<>();
        inputs.forEach(a -> shapes.add(a.getShape() + " " + a.getDataType()));
        return shapes.toString();
    }

    @Override
    public void close() {
        manager.close();
    }
}
