package dev.vigil.stream.detect;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.ModelReleases;
import dev.vigil.stream.release.RegistrySettings;
import dev.vigil.stream.release.ReleaseArtifacts;
import dev.vigil.stream.release.ReleaseFollower;
import dev.vigil.stream.release.ReleaseRefusedException;
import dev.vigil.stream.retry.Backoff;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A detect that follows a model's release in the registry ({@code vigil detect --model-name NAME}): {@link #initial}
 * loads and verifies the release to start with; {@link #start} then hands each new release to the application's
 * {@link ModelSwitcher}, which switches between two batches or refuses it and keeps the running model. A release whose
 * server did not answer is offered again, with back-off, while it is still the one followed.
 */
public final class FollowedRelease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FollowedRelease.class);

    /** The release to start with and its detectors. */
    public record Initial(ModelRelease release, ModelDetectors detectors) {}

    private final ReleaseFollower follower;
    private final ScheduledExecutorService retries;

    private FollowedRelease(ReleaseFollower follower, ScheduledExecutorService retries) {
        this.follower = follower;
        this.retries = retries;
    }

    /**
     * Reads the registry and loads the release followed.
     *
     * @throws IllegalStateException naming the model and what to do when there is no such release, or its artifact
     *     cannot be used
     */
    public static Initial initial(
            RegistrySettings settings, String name, ReleaseFollower.Follow follow, DeviceChoice device) {
        long start = System.nanoTime();
        ModelRelease release;
        try (ModelRegistry registry = ModelRegistry.connect(settings)) {
            release = follow.select(registry.read(), name)
                    .orElseThrow(() -> new IllegalStateException("There is no " + follow.describe(name) + " on topic '"
                            + settings.topic() + "': publish one with 'vigil model publish DIR'"
                            + (follow == ReleaseFollower.Follow.PRODUCTION
                                    ? " and promote it with 'vigil model promote NAME:VERSION'"
                                    : "")
                            + ", or run a fixed model with --model DIR"));
        }
        long read = System.nanoTime();
        try {
            Initial initial = new Initial(
                    release, ModelDetectors.of(settings.artifacts().load(release), device, describe(release)));
            log.info(
                    "The {} is {}: registry read in {} ms, artifact read and verified in {} ms",
                    follow.describe(name),
                    describe(release),
                    (read - start) / 1_000_000,
                    (System.nanoTime() - read) / 1_000_000);
            return initial;
        } catch (ReleaseRefusedException e) {
            throw new IllegalStateException("The " + follow.describe(name) + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Follows the release from now on, switching {@code switcher}'s model as it changes. */
    public static FollowedRelease start(
            RegistrySettings settings,
            String name,
            ReleaseFollower.Follow follow,
            Initial initial,
            ModelSwitcher switcher) {
        switcher.following(follow.describe(name));
        ReleaseArtifacts artifacts = settings.artifacts();
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vigil-release-retry");
            thread.setDaemon(true);
            return thread;
        });
        ReleaseHolder latest = new ReleaseHolder();
        ReleaseFollower follower = ReleaseFollower.start(settings, name, follow, initial.release(), release -> {
            latest.release = release;
            offer(switcher, artifacts, release, latest, retries, Backoff.defaults());
        });
        return new FollowedRelease(follower, retries);
    }

    /** The release the follower told last (read by the retry thread). */
    private static final class ReleaseHolder {
        volatile ModelRelease release;
    }

    private static void offer(
            ModelSwitcher switcher,
            ReleaseArtifacts artifacts,
            ModelRelease release,
            ReleaseHolder latest,
            ScheduledExecutorService retries,
            Backoff backoff) {
        switcher.offer(describe(release), () -> artifacts.load(release)).thenAccept(outcome -> {
            ModelStatus.Refused refused = switcher.status().lastRefused();
            if (outcome == ModelSwitcher.Outcome.REFUSED
                    && refused != null
                    && ReleaseRefusedException.Cause.UNREACHABLE.name().equals(refused.cause())
                    && latest.release == release) {
                long delay = backoff.nextDelay().toMillis();
                log.info("Trying {} again in {} ms", ModelReleases.ref(release), delay);
                retries.schedule(
                        () -> {
                            if (latest.release == release) {
                                offer(switcher, artifacts, release, latest, retries, backoff);
                            }
                        },
                        delay,
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    /** "NAME:VERSION (where)" */
    static String describe(ModelRelease release) {
        return ModelReleases.ref(release) + " (" + release.getArtifactUri() + ")";
    }

    @Override
    public void close() {
        follower.close();
        retries.shutdownNow();
    }
}
