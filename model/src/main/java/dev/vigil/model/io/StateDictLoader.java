package dev.vigil.model.io;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.vigil.model.engine.Overwrite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Puts a torch state_dict into a DJL block tree that mirrors the torch module tree: key
 * {@code body.layer1.0.conv1.weight} is the parameter named "weight" of the child "conv1" of child "0" of child
 * "layer1" of child "body" (DJL stores child names behind a 2-digit position prefix, "01body"). Strict like
 * torch's {@code load_state_dict}: every model parameter must be loaded and every key used, with equal shapes;
 * all problems are reported together and nothing is loaded unless everything fits. {@code num_batches_tracked}
 * keys (BatchNorm2d's counter, meaningless to a frozen norm) are accepted and ignored.
 *
 * <p>The block tree must be initialized ({@code block.initialize(manager, DataType.FLOAT32, inputShape)}) so that
 * its parameters have arrays to fill.
 */
public final class StateDictLoader {

    private static final String NUM_BATCHES_TRACKED = "num_batches_tracked";

    private final String sourcePrefix;
    private final Predicate<String> ignored;

    private StateDictLoader(String sourcePrefix, Predicate<String> ignored) {
        this.sourcePrefix = sourcePrefix;
        this.ignored = ignored;
    }

    /** A loader that maps every key of the state_dict onto the block tree. */
    public static StateDictLoader strict() {
        return new StateDictLoader("", key -> false);
    }

    /**
     * Loads only the keys under {@code prefix} (which ends with a dot, e.g. {@code "backbone."}), without it:
     * a backbone alone from a whole detector's state_dict.
     */
    public StateDictLoader fromPrefix(String prefix) {
        if (!prefix.isEmpty() && !prefix.endsWith(".")) {
            throw new IllegalArgumentException("key prefix must end with '.': " + prefix);
        }
        return new StateDictLoader(prefix, ignored);
    }

    /** Leaves out keys (after the prefix is removed) the model deliberately lacks, e.g. ImageNet's classifier. */
    public StateDictLoader ignoring(Predicate<String> keys) {
        return new StateDictLoader(sourcePrefix, ignored.or(Objects.requireNonNull(keys, "keys")));
    }

    /** Copies every tensor into its parameter, or fails listing every missing, unexpected and mis-shaped key. */
    public void load(Block root, StateDict stateDict) {
        Map<String, Parameter> parameters = parametersByKey(root);
        parameters.forEach(StateDictLoader::requireFloatArray);
        Map<Parameter, StoredTensor> assignments = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (Map.Entry<String, StoredTensor> entry : stateDict.tensors().entrySet()) {
            String fullKey = entry.getKey();
            StoredTensor tensor = entry.getValue();
            if (!fullKey.startsWith(sourcePrefix)) {
                continue;
            }
            String key = fullKey.substring(sourcePrefix.length());
            if (isNumBatchesTracked(key) || ignored.test(key)) {
                continue;
            }
            Parameter parameter = parameters.remove(key);
            if (parameter == null) {
                unexpected.add(fullKey);
            } else if (!fits(parameter, tensor)) {
                misShaped.add(fullKey + " (" + tensor.dtype().name().toLowerCase(Locale.ROOT)
                        + Arrays.toString(tensor.shape()) + " in the file, " + parameter.getShape() + " in the model)");
            } else {
                assignments.put(parameter, tensor);
            }
        }
        List<String> missing =
                parameters.keySet().stream().map(key -> sourcePrefix + key).toList();
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty()) {
            throw new StateDictMismatchException(stateDict.source(), missing, unexpected, misShaped);
        }
        assignments.forEach(StateDictLoader::assign);
    }

    /** The torch key and shape of every parameter of the tree, in module order: what a state_dict must hold. */
    public static Map<String, Shape> expectedKeys(Block root) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        parametersByKey(root).forEach((key, parameter) -> {
            if (parameter.getShape() == null) {
                throw new IllegalStateException("parameter '" + key + "' has no shape yet: initialize the block "
                        + "first (block.initialize(manager, DataType.FLOAT32, inputShape))");
            }
            shapes.put(key, parameter.getShape());
        });
        return shapes;
    }

    /** Every parameter of the tree by its torch key, in module order. */
    public static Map<String, Parameter> parametersByKey(Block root) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        collect(root, "", parameters);
        return parameters;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> parameters) {
        for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
            parameters.put(prefix + parameter.getValue().getName(), parameter.getValue());
        }
        int position = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            position++;
            collect(child.getValue(), prefix + torchName(child.getKey(), position) + ".", parameters);
        }
    }

    /** Removes DJL's position prefix ("%02d", 1-based) from a child's key: "03layer1" → "layer1". */
    static String torchName(String djlChildKey, int position) {
        String positionPrefix = String.format(Locale.ROOT, "%02d", position);
        if (!djlChildKey.startsWith(positionPrefix)) {
            throw new IllegalStateException(
                    "child key '" + djlChildKey + "' lacks DJL's position prefix " + positionPrefix);
        }
        return djlChildKey.substring(positionPrefix.length());
    }

    private static boolean isNumBatchesTracked(String key) {
        return key.equals(NUM_BATCHES_TRACKED) || key.endsWith("." + NUM_BATCHES_TRACKED);
    }

    private static boolean fits(Parameter parameter, StoredTensor tensor) {
        Shape shape = parameter.getShape();
        return tensor.isFloatingPoint() && shape != null && Arrays.equals(shape.getShape(), tensor.shape());
    }

    private static void requireFloatArray(String key, Parameter parameter) {
        if (!parameter.isInitialized()) {
            throw new IllegalStateException("parameter '" + key + "' has no array: initialize the block first "
                    + "(block.initialize(manager, DataType.FLOAT32, inputShape))");
        }
        if (parameter.getArray().getDataType() != DataType.FLOAT32) {
            throw new IllegalStateException("parameter '" + key + "' is "
                    + parameter.getArray().getDataType() + "; weights load into FLOAT32 parameters");
        }
    }

    private static void assign(Parameter parameter, StoredTensor tensor) {
        Overwrite.with(parameter.getArray(), tensor.floats());
    }
}
