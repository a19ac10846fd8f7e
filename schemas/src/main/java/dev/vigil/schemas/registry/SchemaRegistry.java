package dev.vigil.schemas.registry;

import dev.vigil.schemas.compat.CompatibilityLevel;
import dev.vigil.schemas.registry.api.RegisteredSchema;
import java.util.List;
import java.util.Optional;

/**
 * The subset of the Confluent Schema Registry API that Vigil uses, for Avro schemas given as
 * their JSON text. Every method throws {@link RegistryException} carrying the registry's HTTP
 * status and Confluent error code when the registry refuses, and {@link
 * RegistryUnavailableException} when it cannot be reached.
 */
public interface SchemaRegistry {

    /** Version argument meaning "the newest live version" in {@link #isCompatible}. */
    String LATEST = "latest";

    /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
    int register(String subject, String schema);

    /** Finds {@code schema} among the versions of {@code subject}; 40401 / 40403 when absent. */
    RegisteredSchema lookup(String subject, String schema);

    /** The schema text with global id {@code id}; 40403 when unknown. */
    String schemaById(int id);

    /** The newest live version of {@code subject}. */
    RegisteredSchema latestVersion(String subject);

    /** Version {@code version} (1-based) of {@code subject}. */
    RegisteredSchema version(String subject, int version);

    /** The live versions of {@code subject}, ascending. */
    List<Integer> versions(String subject);

    /** Every subject with at least one live version, sorted. */
    List<String> subjects();

    /**
     * Whether {@code schema} may follow {@code version} ({@link #LATEST} or a number) of {@code
     * subject} under the subject's compatibility level.
     */
    boolean isCompatible(String subject, String version, String schema);

    /** The registry-wide compatibility level. */
    CompatibilityLevel compatibility();

    /** The subject-level compatibility, empty when the subject has none of its own. */
    Optional<CompatibilityLevel> compatibility(String subject);

    /** Sets the registry-wide compatibility level. */
    void setCompatibility(CompatibilityLevel level);

    /** Sets the compatibility level of one subject. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /**
     * Deletes every version of {@code subject}: soft (ids stay readable) or, for a subject already
     * soft-deleted, permanently. Returns the versions deleted.
     */
    List<Integer> deleteSubject(String subject, boolean permanent);
}
