package dev.vigil.stream.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.detector.ArtifactManifest;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.io.Sha256;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.ModelStage;
import dev.vigil.stream.testing.SmallModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release's artifact is found (a folder, or an http(s) URL fetched into a cache with a size bound) and verified
 * against the release's digests; each way it can be wrong is refused with its cause.
 */
class ReleaseArtifactsTest {

    @TempDir
    static Path tmp;

    static Path model;
    static ModelArtifact artifact;

    @BeforeAll
    static void model() throws Exception {
        model = SmallModels.writeRandomMobileNet(tmp.resolve("model"), "lobby", "v1");
        artifact = ModelArtifact.read(model);
    }

    static ModelRelease release(String uri, String digest, String manifestDigest) {
        Instant now = Instant.now();
        return ModelRelease.newBuilder()
                .setName("lobby")
                .setVersion("v1")
                .setDigest(digest)
                .setManifestDigest(manifestDigest)
                .setArtifactUri(uri)
                .setStage(ModelStage.PRODUCTION)
                .setChangedAt(now)
                .setChangedBy("test")
                .setMetrics(Map.of())
                .setHistory(List.of())
                .build();
    }

    static ModelRelease releaseOf(String uri) {
        return release(
                uri, artifact.weightsSha256(), artifact.files().manifestSha256().orElseThrow());
    }

    ReleaseArtifacts artifacts(String cache, long maxBytes) {
        return new ReleaseArtifacts(tmp.resolve(cache), maxBytes);
    }

    @Test
    void aFolderReleaseIsReadAndVerified() throws Exception {
        ModelArtifact loaded = artifacts("cache", ArtifactFetcher.DEFAULT_MAX_BYTES)
                .load(releaseOf(model.toAbsolutePath().toString()));
        assertThat(loaded.weightsSha256()).isEqualTo(artifact.weightsSha256());
    }

    @Test
    void eachWayAReleaseCanBeWrongIsRefusedWithItsCause() throws Exception {
        ReleaseArtifacts artifacts = artifacts("cache", ArtifactFetcher.DEFAULT_MAX_BYTES);
        String zeros = "0".repeat(64);
        assertThatThrownBy(() -> artifacts.load(release(
                        model.toString(),
                        zeros,
                        artifact.files().manifestSha256().orElseThrow())))
                .isInstanceOf(ReleaseRefusedException.class)
                .hasMessageContaining("lobby:v1")
                .hasMessageContaining("its weights have SHA-256 " + artifact.weightsSha256())
                .extracting(e -> ((ReleaseRefusedException) e).refusal())
                .isEqualTo(ReleaseRefusedException.Cause.WRONG_DIGEST);
        assertThatThrownBy(() -> artifacts.load(release(model.toString(), artifact.weightsSha256(), zeros)))
                .extracting(e -> ((ReleaseRefusedException) e).refusal())
                .isEqualTo(ReleaseRefusedException.Cause.WRONG_DIGEST);
        assertThatThrownBy(() -> artifacts.load(releaseOf(tmp.resolve("nowhere").toString())))
                .hasMessageContaining("no such folder")
                .extracting(e -> ((ReleaseRefusedException) e).refusal())
                .isEqualTo(ReleaseRefusedException.Cause.MISSING);
        assertThatThrownBy(() -> artifacts.load(releaseOf("relative/model")))
                .extracting(e -> ((ReleaseRefusedException) e).refusal())
                .isEqualTo(ReleaseRefusedException.Cause.MISSING);

        Path corrupt = copy(model, tmp.resolve("corrupt"));
        byte[] weights = Files.readAllBytes(corrupt.resolve(ModelArtifact.WEIGHTS));
        weights[weights.length / 2] ^= 0x40;
        Files.write(corrupt.resolve(ModelArtifact.WEIGHTS), weights);
        assertThatThrownBy(() -> artifacts.load(releaseOf(corrupt.toString())))
                .hasMessageContaining(ModelArtifact.WEIGHTS)
                .hasMessageContaining("does not match")
                .extracting(e -> ((ReleaseRefusedException) e).refusal())
                .isEqualTo(ReleaseRefusedException.Cause.CORRUPT);
    }

    @Test
    void anHttpArtifactIsFetchedOnceIntoTheCacheAndVerified() throws Exception {
        try (ArtifactServer server = new ArtifactServer(model, "lobby-v1")) {
            ReleaseArtifacts artifacts = artifacts("http-cache", ArtifactFetcher.DEFAULT_MAX_BYTES);
            ModelArtifact loaded = artifacts.load(releaseOf(server.url("lobby-v1")));
            assertThat(loaded.weightsSha256()).isEqualTo(artifact.weightsSha256());
            Path cached = tmp.resolve("http-cache")
                    .resolve(artifact.files().manifestSha256().orElseThrow());
            assertThat(loaded.directory()).isEqualTo(cached);
            assertThat(Sha256.of(cached.resolve(ModelArtifact.WEIGHTS))).isEqualTo(artifact.weightsSha256());
            int requests = server.requests();
            assertThat(requests).as("the manifest and the files it lists").isEqualTo(1 + ModelArtifact.REQUIRED.size());

            artifacts.load(releaseOf(server.url("lobby-v1")));
            assertThat(server.requests())
                    .as("served from the cache the second time")
                    .isEqualTo(requests);

            Files.write(cached.resolve(ModelArtifact.WEIGHTS), new byte[] {1, 2, 3});
            assertThat(artifacts.load(releaseOf(server.url("lobby-v1"))).weightsSha256())
                    .as("a cached copy damaged since is fetched again")
                    .isEqualTo(artifact.weightsSha256());
            assertThat(server.requests()).isEqualTo(2 * requests);
        }
    }

    @Test
    void anHttpArtifactThatIsNotTheReleasesOrTooLargeIsRefusedAndNotCached() throws Exception {
        Path served = copy(model, tmp.resolve("served"));
        try (ArtifactServer server = new ArtifactServer(served, "lobby-v1")) {
            assertThatThrownBy(() -> artifacts("small-cache", 1000).load(releaseOf(server.url("lobby-v1"))))
                    .hasMessageContaining("more than the bound of 1000")
                    .extracting(e -> ((ReleaseRefusedException) e).refusal())
                    .isEqualTo(ReleaseRefusedException.Cause.CORRUPT);

            byte[] classes = Files.readAllBytes(served.resolve(ModelArtifact.CLASSES));
            classes[classes.length - 2] ^= 1;
            Files.write(served.resolve(ModelArtifact.CLASSES), classes);
            assertThatThrownBy(() -> artifacts("bad-cache", ArtifactFetcher.DEFAULT_MAX_BYTES)
                            .load(releaseOf(server.url("lobby-v1"))))
                    .hasMessageContaining(ModelArtifact.CLASSES)
                    .hasMessageContaining("but the manifest says")
                    .extracting(e -> ((ReleaseRefusedException) e).refusal())
                    .isEqualTo(ReleaseRefusedException.Cause.CORRUPT);
            try (var left = Files.list(tmp.resolve("bad-cache"))) {
                assertThat(left.toList()).as("nothing half-fetched is kept").isEmpty();
            }

            Files.write(served.resolve(ArtifactManifest.FILE), "{\"format\": 1, \"files\": {}}".getBytes());
            assertThatThrownBy(() -> artifacts("other-cache", ArtifactFetcher.DEFAULT_MAX_BYTES)
                            .load(releaseOf(server.url("lobby-v1"))))
                    .hasMessageContaining("not the release's")
                    .extracting(e -> ((ReleaseRefusedException) e).refusal())
                    .isEqualTo(ReleaseRefusedException.Cause.WRONG_DIGEST);
        }
        assertThatThrownBy(() -> artifacts("gone-cache", ArtifactFetcher.DEFAULT_MAX_BYTES)
                        .load(releaseOf("http://127.0.0.1:1/artifacts/lobby-v1")))
                .extracting(e -> ((ReleaseRefusedException) e).refusal())
                .isEqualTo(ReleaseRefusedException.Cause.UNREACHABLE);
    }

    @Test
    void aManifestDigestThatIsNotASha256NeverBecomesACachePath() throws Exception {
        Path cache = tmp.resolve("guarded-cache");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve(ArtifactManifest.FILE), "{}");
        ArtifactFetcher fetcher = new ArtifactFetcher(cache, ArtifactFetcher.DEFAULT_MAX_BYTES);
        assertThatThrownBy(() -> fetcher.fetch("http://127.0.0.1:1/artifacts/lobby-v1", "../outside"))
                .hasMessageContaining("'../outside' is not a SHA-256")
                .extracting(e -> ((ReleaseRefusedException) e).refusal())
                .isEqualTo(ReleaseRefusedException.Cause.WRONG_DIGEST);
        fetcher.evict("../outside");
        assertThat(outside.resolve(ArtifactManifest.FILE))
                .as("evict leaves paths outside the cache alone")
                .exists();
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
