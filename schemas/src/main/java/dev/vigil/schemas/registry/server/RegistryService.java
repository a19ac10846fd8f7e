package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.compat.AvroCompatibilityChecker;
import dev.vigil.schemas.compat.CompatibilityLevel;
import dev.vigil.schemas.registry.api.CompatibilityCheckResponse;
import dev.vigil.schemas.registry.api.CompatibilityConfig;
import dev.vigil.schemas.registry.api.CompatibilityUpdate;
import dev.vigil.schemas.registry.api.RegisteredSchema;
import dev.vigil.schemas.registry.api.SchemaIdResponse;
import dev.vigil.schemas.registry.api.SchemaRequest;
import dev.vigil.schemas.registry.api.SchemaResponse;
import dev.vigil.schemas.registry.server.store.ConfigValue;
import dev.vigil.schemas.registry.server.store.SchemaStore;
import dev.vigil.schemas.registry.server.store.SchemaValue;
import dev.vigil.schemas.registry.server.store.StoreException;
import dev.vigil.schemas.registry.server.store.StoreKey;
import dev.vigil.schemas.registry.server.store.StoreRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The registry's rules, with Confluent's semantics: global ids shared by equal schemas across
 * subjects, idempotent registration, compatibility checks, soft and permanent deletes. Every
 * change is appended to the {@link SchemaStore} first and applied to the indices once stored.
 * Methods are serialised (one change at a time).
 */
final class RegistryService {

    private static final String AVRO = "AVRO";
    private static final String LATEST = "latest";
    private static final int LATEST_NUMBER = -1;

    private final SchemaStore store;
    private final RegistryState state = new RegistryState();
    private final Map<Integer, Schema> parsedById = new HashMap<>();

    /** Loads every record of {@code store}. */
    RegistryService(SchemaStore store) {
        this.store = store;
        store.load().forEach(state::apply);
    }

    synchronized SchemaIdResponse register(String subject, SchemaRequest request) {
        String canonical = parse(request).toString();
        List<SchemaValue> live = state.liveVersions(subject);
        for (SchemaValue version : live) {
            if (version.schema().equals(canonical)) {
                return new SchemaIdResponse(version.id());
            }
        }
        List<String> problems = AvroCompatibilityChecker.incompatibilities(
                state.effectiveLevel(subject), parse(canonical), parsed(live));
        if (!problems.isEmpty()) {
            throw RegistryErrors.incompatible(subject, problems);
        }
        int id = state.idOf(canonical).orElse(state.nextId());
        int version = state.allVersions(subject).isEmpty()
                ? 1
                : state.allVersions(subject).lastKey() + 1;
        write(StoreRecord.of(new SchemaValue(subject, version, id, canonical, null, false)));
        return new SchemaIdResponse(id);
    }

    synchronized RegisteredSchema lookup(String subject, SchemaRequest request) {
        String canonical = parse(request).toString();
        List<SchemaValue> live = state.liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryErrors.subjectNotFound(subject);
        }
        return live.stream()
                .filter(version -> version.schema().equals(canonical))
                .findFirst()
                .map(RegistryService::toRegistered)
                .orElseThrow(RegistryErrors::schemaNotFound);
    }

    synchronized SchemaResponse schemaById(int id) {
        return state.schemaById(id)
                .map(schema -> new SchemaResponse(schema, null, null))
                .orElseThrow(() -> RegistryErrors.schemaNotFound(id));
    }

    synchronized List<String> subjects(boolean withDeleted) {
        return state.subjects(withDeleted);
    }

    synchronized List<Integer> versions(String subject) {
        List<SchemaValue> live = state.liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryErrors.subjectNotFound(subject);
        }
        return live.stream().map(SchemaValue::version).toList();
    }

    synchronized RegisteredSchema version(String subject, String version) {
        int number = versionNumber(version);
        List<SchemaValue> live = state.liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryErrors.subjectNotFound(subject);
        }
        return find(live, number)
                .map(RegistryService::toRegistered)
                .orElseThrow(() -> RegistryErrors.versionNotFound(number));
    }

    synchronized CompatibilityCheckResponse testCompatibility(
            String subject, String version, SchemaRequest request, boolean verbose) {
        int number = versionNumber(version);
        Schema candidate = parse(request);
        Optional<SchemaValue> against = find(state.liveVersions(subject), number);
        if (against.isEmpty()) {
            if (number == LATEST_NUMBER) {
                return new CompatibilityCheckResponse(true, null);
            }
            throw RegistryErrors.versionNotFound(number);
        }
        List<String> problems = AvroCompatibilityChecker.incompatibilities(
                state.effectiveLevel(subject), candidate, parsed(List.of(against.get())));
        return new CompatibilityCheckResponse(problems.isEmpty(), verbose ? problems : null);
    }

    synchronized CompatibilityConfig globalConfig() {
        return new CompatibilityConfig(state.globalLevel().name());
    }

    synchronized CompatibilityUpdate setGlobalConfig(CompatibilityUpdate update) {
        return setConfig(null, update);
    }

    synchronized CompatibilityConfig subjectConfig(String subject, boolean defaultToGlobal) {
        Optional<CompatibilityLevel> own = state.subjectLevel(subject);
        if (own.isEmpty() && !defaultToGlobal) {
            throw RegistryErrors.subjectCompatibilityNotConfigured(subject);
        }
        return new CompatibilityConfig(own.orElse(state.globalLevel()).name());
    }

    synchronized CompatibilityUpdate setSubjectConfig(String subject, CompatibilityUpdate update) {
        return setConfig(subject, update);
    }

    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        List<SchemaValue> all = List.copyOf(state.allVersions(subject).values());
        if (all.isEmpty()) {
            throw RegistryErrors.subjectNotFound(subject);
        }
        List<SchemaValue> live = state.liveVersions(subject);
        if (permanent) {
            if (!live.isEmpty()) {
                throw RegistryErrors.subjectNotSoftDeleted(subject);
            }
            all.forEach(version -> write(StoreRecord.tombstone(StoreKey.schema(subject, version.version()))));
            return all.stream().map(SchemaValue::version).toList();
        }
        if (live.isEmpty()) {
            throw RegistryErrors.subjectSoftDeleted(subject);
        }
        live.forEach(version -> write(StoreRecord.of(version.asDeleted())));
        return live.stream().map(SchemaValue::version).toList();
    }

    private CompatibilityUpdate setConfig(String subject, CompatibilityUpdate update) {
        String requested = update == null ? null : update.compatibility();
        CompatibilityLevel level =
                CompatibilityLevel.parse(requested).orElseThrow(() -> RegistryErrors.invalidCompatibility(requested));
        write(StoreRecord.of(subject, new ConfigValue(level.name())));
        return new CompatibilityUpdate(level.name());
    }

    private void write(StoreRecord record) {
        try {
            store.append(record);
        } catch (StoreException e) {
            throw RegistryErrors.store(e.getMessage(), e.timedOut(), e);
        }
        state.apply(record);
    }

    private List<Schema> parsed(List<SchemaValue> versions) {
        return versions.stream()
                .map(version -> parsedById.computeIfAbsent(version.id(), id -> parse(version.schema())))
                .toList();
    }

    private static Optional<SchemaValue> find(List<SchemaValue> live, int number) {
        if (live.isEmpty()) {
            return Optional.empty();
        }
        if (number == LATEST_NUMBER) {
            return Optional.of(live.get(live.size() - 1));
        }
        return live.stream().filter(version -> version.version() == number).findFirst();
    }

    private static int versionNumber(String version) {
        String trimmed = version.trim();
        if (trimmed.equalsIgnoreCase(LATEST)) {
            return LATEST_NUMBER;
        }
        try {
            int number = Integer.parseInt(trimmed);
            if (number >= 1 || number == LATEST_NUMBER) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw RegistryErrors.invalidVersion(version);
    }

    private static Schema parse(SchemaRequest request) {
        if (request == null || request.schema() == null || request.schema().isBlank()) {
            throw RegistryErrors.invalidSchema("the request has no schema");
        }
        if (request.schemaType() != null && !AVRO.equalsIgnoreCase(request.schemaType())) {
            throw RegistryErrors.invalidSchema("schema type " + request.schemaType() + " is not supported (only AVRO)");
        }
        if (request.references() != null && !request.references().isEmpty()) {
            throw RegistryErrors.invalidSchema("schema references are not supported");
        }
        return parse(request.schema());
    }

    private static Schema parse(String schema) {
        try {
            return new Schema.Parser().parse(schema);
        } catch (AvroRuntimeException e) {
            throw RegistryErrors.invalidSchema(e.getMessage());
        }
    }

    private static RegisteredSchema toRegistered(SchemaValue value) {
        return RegisteredSchema.avro(value.subject(), value.version(), value.id(), value.schema());
    }
}
