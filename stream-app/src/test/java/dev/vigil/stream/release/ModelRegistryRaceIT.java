package dev.vigil.stream.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.ModelStage;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.SmallModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two changes to one model name at the same time, on the real broker: the first has read the registry and is about to
 * write (held there by a latch) when the second is written. The first is fenced by Kafka; it reads again and decides
 * again: two publishes both land, and of two promotions the later-written one stands and the other says clearly that
 * it must be run again (not Kafka's fencing error).
 */
class ModelRegistryRaceIT {

    private static final String NAME = "race";

    @TempDir
    Path tmp;

    @Test
    void racingChangesToOneModelAreDecidedAgainOrRefusedClearly() throws Exception {
        Path a = SmallModels.writeRandomMobileNet(tmp.resolve("a"), NAME, "a");
        Path b = SmallModels.writeRandomMobileNet(tmp.resolve("b"), NAME, "b");
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            RegistrySettings settings = RegistrySettings.defaults(
                            Map.of("bootstrap.servers", infra.bootstrapServers()),
                            Map.of("schema.registry.url", infra.schemaRegistryUrl()))
                    .withCache(tmp.resolve("cache"), ArtifactFetcher.DEFAULT_MAX_BYTES);
            HeldChange held = new HeldChange();
            try (ModelRegistry first = ModelRegistry.connect(settings, held::holdOnce);
                    ModelRegistry second = ModelRegistry.connect(settings)) {
                // two publishes: the fenced one reads again, finds its release missing and writes it
                CompletableFuture<ModelRelease> publishA = held.runHeld(() -> first.publish(a, null));
                ModelRelease publishedB = second.publish(b, null);
                ModelRelease publishedA = held.release(publishA);
                assertThat(held.writes())
                        .as("the held publish was fenced by the other, read again and wrote")
                        .isEqualTo(2);
                ReleaseBook afterPublishes = second.read();
                for (ModelRelease published : List.of(publishedA, publishedB)) {
                    ModelRelease stored =
                            afterPublishes.get(ModelReleases.ref(published)).orElseThrow();
                    assertThat(stored.getStage()).isEqualTo(ModelStage.CANDIDATE);
                    assertThat(stored.getDigest()).isEqualTo(published.getDigest());
                }

                // two promotions: the other one is written first and stands; the held one's premise (no production
                // release) is gone, and it says so
                held.rearm();
                PrintWriter progress = new PrintWriter(new StringWriter(), true);
                CompletableFuture<ModelRegistry.Promotion> promoteA = held.runHeld(() ->
                        first.promote(ModelReleases.ref(publishedA), ModelRegistry.GateSettings.defaults(), progress));
                second.promote(ModelReleases.ref(publishedB), ModelRegistry.GateSettings.defaults(), progress);
                Throwable refused = held.failure(promoteA);
                assertThat(refused)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("The releases of " + NAME + " changed while this promotion ran (another change "
                                + "was written at the same time); run the promotion again");
                ReleaseBook afterPromotions = second.read();
                assertThat(afterPromotions.production(NAME).map(ModelReleases::ref))
                        .contains(ModelReleases.ref(publishedB));
                assertThat(afterPromotions
                                .get(ModelReleases.ref(publishedA))
                                .orElseThrow()
                                .getStage())
                        .isEqualTo(ModelStage.CANDIDATE);
            }
        }
    }

    /** Holds the first write of a change at its latch until the test lets it go. */
    private static final class HeldChange {
        private CountDownLatch reachedWrite = new CountDownLatch(1);
        private CountDownLatch proceed = new CountDownLatch(1);
        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final AtomicInteger writes = new AtomicInteger();

        void holdOnce() {
            writes.incrementAndGet();
            if (!armed.getAndSet(false)) {
                return;
            }
            reachedWrite.countDown();
            try {
                if (!proceed.await(2, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("not let go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void rearm() {
            reachedWrite = new CountDownLatch(1);
            proceed = new CountDownLatch(1);
            writes.set(0);
            armed.set(true);
        }

        interface Change<T> {
            T run() throws Exception;
        }

        /** Starts {@code change} on a thread of its own and returns once it is held before its write. */
        <T> CompletableFuture<T> runHeld(Change<T> change) throws InterruptedException {
            CompletableFuture<T> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    result.complete(change.run());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            thread.start();
            assertThat(reachedWrite.await(2, TimeUnit.MINUTES))
                    .as("the change reached its write")
                    .isTrue();
            return result;
        }

        /** Lets the held change write, and returns what it returned. */
        <T> T release(CompletableFuture<T> held) throws Exception {
            proceed.countDown();
            return held.get(2, TimeUnit.MINUTES);
        }

        /** Lets the held change write, and returns what it threw. */
        Throwable failure(CompletableFuture<?> held) throws Exception {
            proceed.countDown();
            try {
                held.get(2, TimeUnit.MINUTES);
                throw new AssertionError("the held change succeeded");
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }

        /** How many times a change of the held registry came to write since it was armed. */
        int writes() {
            return writes.get();
        }
    }
}
