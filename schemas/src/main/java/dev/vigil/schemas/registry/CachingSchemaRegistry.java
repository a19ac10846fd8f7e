package dev.vigil.schemas.registry;

import dev.vigil.schemas.compat.CompatibilityLevel;
import dev.vigil.schemas.registry.api.RegisteredSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches the answers that never change: schemas by id, ids by (subject, schema), lookups and
 * numbered versions; the latest version is kept for a configurable time. Everything else goes to
 * the delegate. Thread-safe.
 */
public final class CachingSchemaRegistry implements SchemaRegistry {

    /** Keep the latest version forever (until this client is dropped), as Confluent's default. */
    public static final Duration LATEST_FOREVER = Duration.ofSeconds(-1);

    private final SchemaRegistry delegate;
    private final Duration latestTtl;
    private final Clock clock;
    private final Map<Integer, String> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();
    private final Map<SubjectVersion, RegisteredSchema> versions = new ConcurrentHashMap<>();
    private final Map<String, Expiring> latest = new ConcurrentHashMap<>();

    /** Caches {@code delegate}; the latest version lives {@code latestTtl} (negative: forever). */
    public CachingSchemaRegistry(SchemaRegistry delegate, Duration latestTtl) {
        this(delegate, latestTtl, Clock.systemUTC());
    }

    CachingSchemaRegistry(SchemaRegistry delegate, Duration latestTtl, Clock clock) {
        this.delegate = delegate;
        this.latestTtl = latestTtl;
        this.clock = clock;
    }

    @Override
    public int register(String subject, String schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = idsBySubjectSchema.get(key);
        if (known != null) {
            return known;
        }
        int id = delegate.register(subject, schema);
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, String schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        RegisteredSchema known = lookups.get(key);
        if (known != null) {
            return known;
        }
        RegisteredSchema found = delegate.lookup(subject, schema);
        lookups.put(key, found);
        idsBySubjectSchema.put(key, found.id());
        return found;
    }

    @Override
    public String schemaById(int id) {
        return schemasById.computeIfAbsent(id, delegate::schemaById);
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        Instant now = clock.instant();
        Expiring cached = latest.get(subject);
        if (cached != null && (cached.expiry == null || now.isBefore(cached.expiry))) {
            return cached.schema;
        }
        RegisteredSchema fresh = delegate.latestVersion(subject);
        if (!latestTtl.isZero()) {
            latest.put(subject, new Expiring(fresh, latestTtl.isNegative() ? null : now.plus(latestTtl)));
        }
        return fresh;
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return versions.computeIfAbsent(
                new SubjectVersion(subject, version), key -> delegate.version(subject, version));
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate.versions(subject);
    }

    @Override
    public List<String> subjects() {
        return delegate.subjects();
    }

    @Override
    public boolean isCompatible(String subject, String version, String schema) {
        return delegate.isCompatible(subject, version, schema);
    }

    @Override
    public CompatibilityLevel compatibility() {
        return delegate.compatibility();
    }

    @Override
    public Optional<CompatibilityLevel> compatibility(String subject) {
        return delegate.compatibility(subject);
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        delegate.setCompatibility(level);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        delegate.setCompatibility(subject, level);
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        List<Integer> deleted = delegate.deleteSubject(subject, permanent);
        idsBySubjectSchema.keySet().removeIf(key -> key.subject.equals(subject));
        lookups.keySet().removeIf(key -> key.subject.equals(subject));
        versions.keySet().removeIf(key -> key.subject.equals(subject));
        latest.remove(subject);
        return deleted;
    }

    private record SubjectSchema(String subject, String schema) {}

    private record SubjectVersion(String subject, int version) {}

    private record Expiring(RegisteredSchema schema, Instant expiry) {}
}
