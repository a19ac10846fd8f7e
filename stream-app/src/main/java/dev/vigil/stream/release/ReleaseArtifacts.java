package dev.vigil.stream.release;

import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelArtifactException;
import dev.vigil.schemas.ModelRelease;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The artifact a release names, read once and verified: found where the release says (a local folder, or an http(s)
 * URL fetched into a local cache by {@link ArtifactFetcher}), every file checked against the artifact's manifest, and
 * the manifest and the weights checked against the release's digests. What comes back is held in memory, so nothing
 * done to the folder afterwards changes it.
 */
public final class ReleaseArtifacts {

    /** Where fetched artifacts are kept by default: {@code ~/.cache/vigil/models}. */
    public static final Path DEFAULT_CACHE = Path.of(System.getProperty("user.home"), ".cache", "vigil", "models");

    private final ArtifactFetcher fetcher;

    public ReleaseArtifacts(Path cacheDir, long maxBytes) {
        this.fetcher = new ArtifactFetcher(cacheDir, maxBytes);
    }

    public static ReleaseArtifacts defaults() {
        return new ReleaseArtifacts(DEFAULT_CACHE, ArtifactFetcher.DEFAULT_MAX_BYTES);
    }

    /**
     * @throws ReleaseRefusedException naming the release and why its artifact cannot be used
     */
    public ModelArtifact load(ModelRelease release) throws ReleaseRefusedException {
        if (ArtifactFetcher.isHttp(release.getArtifactUri())) {
            try {
                return read(release, locate(release));
            } catch (ReleaseRefusedException e) {
                if (e.refusal() != ReleaseRefusedException.Cause.CORRUPT
                        && e.refusal() != ReleaseRefusedException.Cause.WRONG_DIGEST) {
                    throw e;
                }
                fetcher.evict(release.getManifestDigest()); // a cached copy damaged since: fetch it once more
                return read(release, locate(release));
            }
        }
        return read(release, locate(release));
    }

    private static ModelArtifact read(ModelRelease release, Path dir) throws ReleaseRefusedException {
        String what = ModelReleases.ref(release) + " (" + release.getArtifactUri() + ")";
        ModelArtifact artifact;
        try {
            artifact = ModelArtifact.read(dir);
        } catch (ModelArtifactException e) {
            throw new ReleaseRefusedException(
                    e.getMessage().endsWith("missing")
                            ? ReleaseRefusedException.Cause.MISSING
                            : ReleaseRefusedException.Cause.CORRUPT,
                    what + ": " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.CORRUPT, what + ": cannot be read: " + e.getMessage(), e);
        }
        verify(release, artifact);
        return artifact;
    }

    /**
     * Checks that {@code artifact} is the one {@code release} names: it has a manifest, and the manifest's and the
     * weights' SHA-256 are the release's.
     */
    public static void verify(ModelRelease release, ModelArtifact artifact) throws ReleaseRefusedException {
        String what = ModelReleases.ref(release) + " (" + release.getArtifactUri() + ")";
        String manifest = artifact.files().manifestSha256().orElse(null);
        if (manifest == null) {
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.CORRUPT, what + ": the artifact has no manifest.json");
        }
        if (!manifest.equals(release.getManifestDigest())) {
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.WRONG_DIGEST,
                    what + ": its manifest.json has SHA-256 " + manifest + ", the release names "
                            + release.getManifestDigest() + " (the folder holds another artifact)");
        }
        if (!artifact.weightsSha256().equals(release.getDigest())) {
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.WRONG_DIGEST,
                    what + ": its weights have SHA-256 " + artifact.weightsSha256() + ", the release names "
                            + release.getDigest());
        }
    }

    private Path locate(ModelRelease release) throws ReleaseRefusedException {
        String what = ModelReleases.ref(release) + " (" + release.getArtifactUri() + ")";
        String uri = release.getArtifactUri();
        if (ArtifactFetcher.isHttp(uri)) {
            return fetcher.fetch(uri, release.getManifestDigest());
        }
        Path dir;
        try {
            dir = uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.MISSING, what + ": not a path or an http(s) URL", e);
        }
        if (!dir.isAbsolute()) {
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.MISSING, what + ": not an absolute path or an http(s) URL");
        }
        if (!Files.isDirectory(dir)) {
            throw new ReleaseRefusedException(ReleaseRefusedException.Cause.MISSING, what + ": no such folder");
        }
        return dir;
    }
}
