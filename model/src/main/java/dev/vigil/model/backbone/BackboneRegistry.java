package dev.vigil.model.backbone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backbones Vigil knows, by the name a model's {@code config.json} stores. The built-in ones are registered
 * below, one line each; {@link #register} adds another at run time (a plug-in, a test).
 */
public final class BackboneRegistry {

    private static final Map<String, BackboneSpec> SPECS = new LinkedHashMap<>();

    static {
        register(new ResNet50FpnSpec());
        register(new MobileNetV3LargeFpnSpec());
        register(new Vgg16Spec());
        register(new VggCompactSpec(false));
        register(new VggCompactSpec(true));
    }

    private BackboneRegistry() {}

    /**
     * Adds a backbone under its {@link BackboneSpec#name()}; registering a spec of the same class again replaces it.
     *
     * @throws IllegalArgumentException when another kind of backbone has the name
     */
    public static synchronized void register(BackboneSpec spec) {
        BackboneSpec existing = SPECS.get(spec.name());
        if (existing != null && existing.getClass() != spec.getClass()) {
            throw new IllegalArgumentException("backbone name '" + spec.name() + "' is taken by "
                    + existing.getClass().getName());
        }
        SPECS.put(spec.name(), spec);
    }

    /**
     * The backbone named {@code name}.
     *
     * @throws IllegalArgumentException naming the known backbones when there is none of that name
     */
    public static synchronized BackboneSpec get(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown backbone '" + name + "'; known: " + String.join(", ", SPECS.keySet())));
    }

    /** The backbone named {@code name}, if one is registered. */
    public static synchronized Optional<BackboneSpec> find(String name) {
        return Optional.ofNullable(SPECS.get(name));
    }

    /** The registered names, built-in ones first. */
    public static synchronized List<String> names() {
        return new ArrayList<>(SPECS.keySet());
    }
}
