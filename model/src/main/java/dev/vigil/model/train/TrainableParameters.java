package dev.vigil.model.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.vigil.model.io.StateDictLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a training step updates, by torch key: every parameter that can learn (frozen batch-norm buffers
 * cannot) under one of the trained prefixes and under none of the frozen ones. Gradients are attached to these and
 * detached from all others, so that backward skips what does not learn.
 */
public final class TrainableParameters {

    private final Map<String, Parameter> byKey;

    private TrainableParameters(Map<String, Parameter> byKey) {
        this.byKey = byKey;
    }

    /**
     * @param trainedPrefixes keys to train ("" for all), e.g. "rpn." for the RPN alone
     * @param frozenPrefixes keys kept fixed, e.g. the paper's conv1–conv2 of VGG-16
     */
    public static TrainableParameters select(Block model, List<String> trainedPrefixes, List<String> frozenPrefixes) {
        Map<String, Parameter> chosen = new LinkedHashMap<>();
        StateDictLoader.parametersByKey(model).forEach((key, parameter) -> {
            boolean trained = parameter.requiresGradient()
                    && trainedPrefixes.stream().anyMatch(key::startsWith)
                    && frozenPrefixes.stream().noneMatch(key::startsWith);
            if (parameter.getArray().hasGradient() != trained) {
                parameter.getArray().setRequiresGradient(trained);
            }
            if (trained) {
                chosen.put(key, parameter);
            }
        });
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(
                    "no parameter to train under " + trainedPrefixes + " outside " + frozenPrefixes);
        }
        return new TrainableParameters(chosen);
    }

    public Map<String, Parameter> byKey() {
        return byKey;
    }

    public long count() {
        return byKey.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
