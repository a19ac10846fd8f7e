package dev.vigil.stream.release;

import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.kafka.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one model on the models topic: the production release of a name, or its newest candidate (a shadow run).
 * A thread of its own reads the topic from the beginning and on, and tells {@code onChange} each time the followed
 * release names another artifact (another key or other digests); changes of a release's record that keep its
 * artifact (a gate record, a retired neighbour) are not told. A broker outage only delays it: the consumer reconnects.
 */
public final class ReleaseFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReleaseFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** Which release of a name is followed. */
    public enum Follow {
        PRODUCTION,
        CANDIDATE;

        /** "production release of NAME" / "newest candidate of NAME". */
        public String describe(String name) {
            return (this == PRODUCTION ? "production release" : "newest candidate") + " of " + name;
        }

        public Optional<ModelRelease> select(ReleaseBook book, String name) {
            return this == PRODUCTION ? book.production(name) : book.newestCandidate(name);
        }
    }

    private final RegistrySettings settings;
    private final String name;
    private final Follow follow;
    private final Consumer<ModelRelease> onChange;
    private final Thread thread;
    private volatile boolean closed;
    private ModelRelease told;

    private ReleaseFollower(
            RegistrySettings settings,
            String name,
            Follow follow,
            ModelRelease running,
            Consumer<ModelRelease> onChange) {
        this.settings = settings;
        this.name = name;
        this.follow = follow;
        this.told = running;
        this.onChange = onChange;
        this.thread = new Thread(this::follow, "vigil-release-follower-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts following.
     *
     * @param running the release the caller runs already (not told again), or null
     * @param onChange told, on the follower's thread, of each release to switch to
     */
    public static ReleaseFollower start(
            RegistrySettings settings,
            String name,
            Follow follow,
            ModelRelease running,
            Consumer<ModelRelease> onChange) {
        ReleaseFollower follower = new ReleaseFollower(settings, name, follow, running, onChange);
        follower.thread.start();
        return follower;
    }

    private void follow() {
        try (TopicReader<ModelRelease> reader = new TopicReader<>(
                settings.clientConfig(),
                settings.topic(),
                AvroSerdes.specific(ModelRelease.class, settings.serdeConfig()).deserializer(),
                settings.timeout())) {
            reader.seekToBeginning();
            ReleaseBook book = new ReleaseBook();
            while (!closed) {
                List<ConsumerRecord<String, ModelRelease>> records = reader.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                records.forEach(r -> book.apply(r.key(), r.value()));
                Optional<ModelRelease> selected = follow.select(book, name);
                if (selected.isEmpty()) {
                    if (told != null) {
                        log.warn("There is no {} any more; the running model goes on", follow.describe(name));
                    }
                    continue;
                }
                if (!sameArtifact(selected.get(), told)) {
                    told = selected.get();
                    log.info(
                            "The {} is now {} ({})",
                            follow.describe(name),
                            ModelReleases.ref(told),
                            told.getArtifactUri());
                    onChange.accept(told);
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                log.error(
                        "Stopped following the {} on topic {}: {}",
                        follow.describe(name).toLowerCase(Locale.ROOT),
                        settings.topic(),
                        e.toString(),
                        e);
            }
        }
    }

    static boolean sameArtifact(ModelRelease a, ModelRelease b) {
        return b != null
                && ModelReleases.ref(a).equals(ModelReleases.ref(b))
                && a.getDigest().equals(b.getDigest())
                && a.getManifestDigest().equals(b.getManifestDigest())
                && a.getArtifactUri().equals(b.getArtifactUri());
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
