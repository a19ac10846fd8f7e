package dev.vigil.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * torchvision's {@code models._utils.IntermediateLayerGetter}: runs named modules in order and returns the
 * outputs of the returned ones, in module order. Modules after the last returned one are dropped, as torchvision
 * drops them (ResNet's avgpool and fc), so their weights are neither expected nor loaded.
 */
public final class IntermediateLayerGetter extends TorchModule {

    private final List<String> moduleNames;
    private final List<String> returnedModules;

    /**
     * @param modules the model's top-level modules, in forward order, by torch attribute name
     * @param returnedModules names of the modules whose outputs are returned, in module order
     */
    public IntermediateLayerGetter(List<Pair<String, Block>> modules, List<String> returnedModules) {
        this.returnedModules = List.copyOf(returnedModules);
        List<String> names = modules.stream().map(Pair::getKey).toList();
        int previous = -1;
        for (String returned : returnedModules) {
            int index = names.indexOf(returned);
            if (index <= previous) {
                throw new IllegalArgumentException("returned module '" + returned + "' is not among " + names
                        + " after the previously returned one");
            }
            previous = index;
        }
        this.moduleNames = names.subList(0, previous + 1);
        for (Pair<String, Block> module : modules.subList(0, previous + 1)) {
            addChildBlock(module.getKey(), module.getValue());
        }
    }

    /** Names of the modules whose outputs are returned, in output order. */
    public List<String> returnedModules() {
        return returnedModules;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList features = new NDList(returnedModules.size());
        Set<String> returned = Set.copyOf(returnedModules);
        NDArray x = inputs.singletonOrThrow();
        for (int i = 0; i < children.size(); i++) {
            NDArray output = call(children.get(i).getValue(), ps, x, training, params);
            NDArray consumed = x;
            if (consumed != inputs.head()
                    && consumed != output
                    && features.stream().noneMatch(f -> f == consumed)) {
                consumed.close(); // an intermediate nobody returns: free it now
            }
            if (returned.contains(moduleNames.get(i))) {
                features.add(output);
            }
            x = output;
        }
        return features;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        List<Shape> shapes = new ArrayList<>();
        Shape[] current = inputShapes;
        for (int i = 0; i < children.size(); i++) {
            current = children.get(i).getValue().getOutputShapes(current);
            if (returnedModules.contains(moduleNames.get(i))) {
                shapes.add(current[0]);
            }
        }
        return shapes.toArray(new Shape[0]);
    }
}
