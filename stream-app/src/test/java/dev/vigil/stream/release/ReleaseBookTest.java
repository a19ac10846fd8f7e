package dev.vigil.stream.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.io.Sha256;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.ModelStage;
import dev.vigil.schemas.StageChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry's state as folded from the topic: production, the previous production, the audit trail. */
class ReleaseBookTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    static ModelRelease candidate(String version, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return ModelRelease.newBuilder()
                .setName("lobby")
                .setVersion(version)
                .setDigest(Sha256.of(version.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setManifestDigest("a".repeat(64))
                .setArtifactUri("/models/" + version)
                .setStage(ModelStage.CANDIDATE)
                .setChangedAt(at)
                .setChangedBy("alice@host")
                .setReason("published")
                .setMetrics(Map.of())
                .setHistory(List.of(new StageChange(ModelStage.CANDIDATE, at, "alice@host", "published")))
                .build();
    }

    static ModelRelease move(ModelRelease r, ModelStage stage, int minute, String reason) {
        return ModelReleases.moved(r, stage, T0.plusSeconds(60L * minute), "bob@host", reason, null);
    }

    static void apply(ReleaseBook book, ModelRelease... releases) {
        for (ModelRelease r : releases) {
            book.apply(ModelReleases.ref(r).key(), r);
        }
    }

    @Test
    void theLatestRecordOfEachReleaseIsItsStateAndHistoryTellsWhichWasInProductionWhen() {
        ReleaseBook book = new ReleaseBook();
        ModelRelease v1 = candidate("v1", 0);
        ModelRelease v2 = candidate("v2", 10);
        ModelRelease v1Live = move(v1, ModelStage.PRODUCTION, 1, "promoted");
        apply(book, v1, v1Live, v2);
        assertThat(book.production("lobby")).contains(v1Live);
        assertThat(book.newestCandidate("lobby")).contains(v2);
        assertThat(book.previousProduction("lobby")).isEmpty();

        ModelRelease v1Retired = move(v1Live, ModelStage.RETIRED, 20, "replaced by lobby:v2");
        ModelRelease v2Live = move(v2, ModelStage.PRODUCTION, 20, "promoted");
        apply(book, v1Retired, v2Live);
        assertThat(book.production("lobby")).contains(v2Live);
        assertThat(book.previousProduction("lobby")).contains(v1Retired);
        assertThat(book.newestCandidate("lobby")).isEmpty();

        // rollback, then rollback again: back and forth between the two last production releases
        apply(
                book,
                move(v2Live, ModelStage.RETIRED, 30, "rolled back"),
                move(v1Retired, ModelStage.PRODUCTION, 30, "rollback"));
        assertThat(book.production("lobby").map(ModelRelease::getVersion)).contains("v1");
        assertThat(book.previousProduction("lobby").map(ModelRelease::getVersion))
                .contains("v2");

        assertThat(book.audit("lobby"))
                .extracting(e -> e.release().version() + " " + e.stage())
                .containsExactly(
                        "v1 CANDIDATE",
                        "v1 PRODUCTION",
                        "v2 CANDIDATE",
                        "v1 RETIRED",
                        "v2 PRODUCTION",
                        "v2 RETIRED",
                        "v1 PRODUCTION");
        assertThat(book.all()).extracting(ModelRelease::getVersion).containsExactly("v1", "v2");
    }

    @Test
    void recordsThatAreNotWellFormedAreSkippedAndATombstoneForgetsARelease() {
        ReleaseBook book = new ReleaseBook();
        ModelRelease v1 = candidate("v1", 0);
        book.apply("lobby:v2", v1);
        book.apply("lobby:v1", ModelRelease.newBuilder(v1).setDigest("not-hex").build());
        book.apply("lobby:v1", ModelRelease.newBuilder(v1).setName("../etc").build());
        assertThat(book.all()).isEmpty();
        assertThat(book.skipped()).isEqualTo(3);
        book.apply("lobby:v1", v1);
        book.apply("lobby:v1", null);
        assertThat(book.all()).isEmpty();
    }
}
