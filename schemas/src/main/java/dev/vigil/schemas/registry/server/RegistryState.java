package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.compat.CompatibilityLevel;
import dev.vigil.schemas.registry.server.store.ConfigValue;
import dev.vigil.schemas.registry.server.store.SchemaValue;
import dev.vigil.schemas.registry.server.store.StoreKey;
import dev.vigil.schemas.registry.server.store.StoreRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's indices, rebuilt by applying the store's records in order: schemas by global id,
 * ids by schema text, versions by subject, compatibility levels. Not thread-safe; the service
 * serialises access.
 */
final class RegistryState {

    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, NavigableMap<Integer, SchemaValue>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    void apply(StoreRecord record) {
        StoreKey key = record.key();
        if (StoreKey.SCHEMA.equals(key.keytype())) {
            applySchema(key, (SchemaValue) record.value());
        } else if (StoreKey.CONFIG.equals(key.keytype())) {
            applyConfig(key.subject(), (ConfigValue) record.value());
        }
    }

    Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    Optional<Integer> idOf(String canonicalSchema) {
        return Optional.ofNullable(idsBySchema.get(canonicalSchema));
    }

    int nextId() {
        return maxId + 1;
    }

    /** Every version of {@code subject}, soft-deleted ones included, by version number. */
    NavigableMap<Integer, SchemaValue> allVersions(String subject) {
        return subjects.getOrDefault(subject, new TreeMap<>());
    }

    /** The live (not soft-deleted) versions of {@code subject}, oldest first. */
    List<SchemaValue> liveVersions(String subject) {
        return allVersions(subject).values().stream().filter(v -> !v.deleted()).toList();
    }

    /** Subjects with a live version, or with any version when {@code withDeleted}. */
    List<String> subjects(boolean withDeleted) {
        return subjects.keySet().stream()
                .filter(subject -> withDeleted || !liveVersions(subject).isEmpty())
                .toList();
    }

    Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    CompatibilityLevel globalLevel() {
        return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
    }

    /** The level that governs {@code subject}: its own, else the registry's. */
    CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElse(globalLevel());
    }

    private void applySchema(StoreKey key, SchemaValue value) {
        if (value == null) {
            NavigableMap<Integer, SchemaValue> versions = subjects.get(key.subject());
            if (versions == null) {
                return;
            }
            SchemaValue removed = versions.remove(key.version());
            if (versions.isEmpty()) {
                subjects.remove(key.subject());
            }
            if (removed != null && !isReferenced(removed.id())) {
                idsBySchema.remove(schemasById.remove(removed.id()));
            }
            return;
        }
        subjects.computeIfAbsent(value.subject(), s -> new TreeMap<>()).put(value.version(), value);
        schemasById.put(value.id(), value.schema());
        idsBySchema.putIfAbsent(value.schema(), value.id());
        maxId = Math.max(maxId, value.id());
    }

    private boolean isReferenced(int id) {
        return subjects.values().stream()
                .flatMap(versions -> versions.values().stream())
                .anyMatch(version -> version.id() == id);
    }

    private void applyConfig(String subject, ConfigValue value) {
        CompatibilityLevel level = value == null
                ? null
                : CompatibilityLevel.parse(value.compatibilityLevel()).orElse(null);
        if (subject == null) {
            globalLevel = level;
        } else if (level == null) {
            subjectLevels.remove(subject);
        } else {
            subjectLevels.put(subject, level);
        }
    }
}
