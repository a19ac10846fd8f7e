package dev.vigil.model.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * A torch state_dict: tensors by key in file order, plus the per-module {@code version} numbers that
 * {@code nn.Module.state_dict()} records in its {@code _metadata} attribute (module prefix without the
 * trailing dot, {@code ""} for the root). Versions tell legacy key layouts apart, e.g. torchvision's FPN
 * and RPN head before version 2 stored {@code inner_blocks.0.weight} instead of {@code inner_blocks.0.0.weight}.
 */
public final class StateDict {

    private final String source;
    private final Map<String, StoredTensor> tensors;
    private final Map<String, Integer> moduleVersions;

    /**
     * @param source where the tensors came from (a file name), used in error messages
     * @param tensors tensors by key, in order
     * @param moduleVersions {@code _metadata} versions by module prefix; empty when the file had no metadata
     */
    public StateDict(String source, Map<String, StoredTensor> tensors, Map<String, Integer> moduleVersions) {
        this.source = Objects.requireNonNull(source, "source");
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.moduleVersions = Collections.unmodifiableMap(new LinkedHashMap<>(moduleVersions));
    }

    public String source() {
        return source;
    }

    /** Tensors by key, in the order they were saved. */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    /** The tensor under {@code key}; fails naming the key and the source when absent. */
    public StoredTensor tensor(String key) {
        StoredTensor tensor = tensors.get(key);
        if (tensor == null) {
            throw new IllegalArgumentException("state_dict " + source + " has no key '" + key + "'");
        }
        return tensor;
    }

    /** The {@code _metadata} versions by module prefix (unmodifiable). */
    public Map<String, Integer> moduleVersions() {
        return moduleVersions;
    }

    /** The recorded version of the module at {@code modulePrefix} (e.g. {@code backbone.fpn}), if any. */
    public OptionalInt moduleVersion(String modulePrefix) {
        Integer version = moduleVersions.get(modulePrefix);
        return version == null ? OptionalInt.empty() : OptionalInt.of(version);
    }

    /**
     * Renames the keys of a module saved in a legacy layout, as torch modules do in
     * {@code _load_from_state_dict}: when the module at {@code modulePrefix} has no recorded version or
     * one below {@code currentVersion}, every key {@code modulePrefix + "." + local} becomes
     * {@code modulePrefix + "." + renameLocal.apply(local)}. Otherwise this state_dict is returned as is.
     */
    public StateDict upgradeLegacyModule(String modulePrefix, int currentVersion, UnaryOperator<String> renameLocal) {
        OptionalInt saved = moduleVersion(modulePrefix);
        if (saved.isPresent() && saved.getAsInt() >= currentVersion) {
            return this;
        }
        String prefix = modulePrefix.isEmpty() ? "" : modulePrefix + ".";
        Map<String, StoredTensor> renamed = new LinkedHashMap<>();
        tensors.forEach((key, tensor) -> {
            String newKey = key.startsWith(prefix) ? prefix + renameLocal.apply(key.substring(prefix.length())) : key;
            if (renamed.put(newKey, newKey.equals(key) ? tensor : tensor.renamed(newKey)) != null) {
                throw new IllegalArgumentException("state_dict " + source + ": upgrading module '" + modulePrefix
                        + "' maps two keys to '" + newKey + "'");
            }
        });
        return new StateDict(source, renamed, moduleVersions);
    }

    @Override
    public String toString() {
        return "StateDict[" + source + ", " + tensors.size() + " tensors]";
    }
}
