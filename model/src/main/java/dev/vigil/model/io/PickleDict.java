package dev.vigil.model.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pickled {@code dict} or {@code collections.OrderedDict}: entries in insertion order, plus the instance
 * attributes a BUILD opcode set on it (torch's state_dict carries its {@code _metadata} this way).
 */
final class PickleDict {

    private final Map<Object, Object> entries = new LinkedHashMap<>();
    private final Map<Object, Object> attributes = new LinkedHashMap<>();

    Map<Object, Object> entries() {
        return entries;
    }

    Map<Object, Object> attributes() {
        return attributes;
    }

    @Override
    public String toString() {
        return "dict" + entries.keySet();
    }
}
