package dev.vigil.schemas.compat;

import java.util.Locale;
import java.util.Optional;

/**
 * Schema evolution rules of the Confluent Schema Registry. BACKWARD: a consumer on the new schema
 * reads data written with the old one. FORWARD: a consumer on the old schema reads data written
 * with the new one. FULL: both. The {@code _TRANSITIVE} variants check every earlier version
 * instead of only the latest one.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** The registry's default when neither the subject nor the registry has a level configured. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Whether a reader with the new schema must read data of the older schemas. */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** Whether a reader with an older schema must read data of the new schema. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Whether every earlier version is checked (true) or only the latest one (false). */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level name, case-insensitively; empty when the name is none of the levels. */
    public static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
