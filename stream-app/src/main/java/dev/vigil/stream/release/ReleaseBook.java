package dev.vigil.stream.release;

import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.ModelStage;
import dev.vigil.schemas.StageChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state: the latest record of each release, folded from the models topic in offset order (as a
 * compacted topic keeps it), with the questions asked of it. Records that are not well-formed are skipped and
 * logged. Not thread-safe.
 */
public final class ReleaseBook {

    private static final Logger log = LoggerFactory.getLogger(ReleaseBook.class);

    private final Map<String, ModelRelease> byKey = new LinkedHashMap<>();
    private long skipped;

    /** Applies the next record of the topic; a {@code null} value (tombstone) forgets the release. */
    public void apply(String key, ModelRelease release) {
        if (release == null) {
            byKey.remove(key);
            return;
        }
        String problem = ModelReleases.problem(key, release);
        if (problem != null) {
            skipped++;
            log.warn("Skipping model release record '{}': {}", key, problem);
            return;
        }
        byKey.put(key, release);
    }

    /** Records skipped as not well-formed. */
    public long skipped() {
        return skipped;
    }

    /** Every release, by name, then by when it was published. */
    public List<ModelRelease> all() {
        List<ModelRelease> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparing(ModelRelease::getName).thenComparing(ReleaseBook::publishedAt));
        return all;
    }

    public Optional<ModelRelease> get(ModelReleases.Ref ref) {
        return Optional.ofNullable(byKey.get(ref.key()));
    }

    /** The production release of {@code name} (the latest to enter production should there be several). */
    public Optional<ModelRelease> production(String name) {
        return latest(name, ModelStage.PRODUCTION);
    }

    /** The newest candidate of {@code name}. */
    public Optional<ModelRelease> newestCandidate(String name) {
        return latest(name, ModelStage.CANDIDATE);
    }

    /**
     * The release of {@code name} that was in production before the current production release: of the others that
     * were ever in production, the one that entered it last.
     */
    public Optional<ModelRelease> previousProduction(String name) {
        Optional<ModelRelease> current = production(name);
        return byKey.values().stream()
                .filter(r -> r.getName().equals(name))
                .filter(r -> current.isEmpty() || !r.equals(current.get()))
                .filter(r -> ModelReleases.lastInProductionSince(r) != null)
                .max(Comparator.comparing(ModelReleases::lastInProductionSince));
    }

    /** One stage change of one release: a line of the audit trail. */
    public record AuditEntry(Instant at, ModelReleases.Ref release, ModelStage stage, String by, String reason) {}

    /**
     * Every stage change of the releases of {@code name} (all names when null), oldest first; of changes made at the
     * same time, retirements first.
     */
    public List<AuditEntry> audit(String name) {
        List<AuditEntry> entries = new ArrayList<>();
        for (ModelRelease release : byKey.values()) {
            if (name == null || release.getName().equals(name)) {
                for (StageChange change : release.getHistory()) {
                    entries.add(new AuditEntry(
                            change.getAt(),
                            ModelReleases.ref(release),
                            change.getStage(),
                            change.getBy(),
                            change.getReason()));
                }
            }
        }
        // changes made together (a promotion, a rollback): the release leaving production first
        entries.sort(Comparator.comparing(AuditEntry::at).thenComparing(e -> e.stage() == ModelStage.RETIRED ? 0 : 1));
        return entries;
    }

    private Optional<ModelRelease> latest(String name, ModelStage stage) {
        return byKey.values().stream()
                .filter(r -> r.getName().equals(name) && r.getStage() == stage)
                .max(Comparator.comparing(ModelRelease::getChangedAt));
    }

    private static Instant publishedAt(ModelRelease release) {
        return release.getHistory().isEmpty()
                ? release.getChangedAt()
                : release.getHistory().get(0).getAt();
    }
}
