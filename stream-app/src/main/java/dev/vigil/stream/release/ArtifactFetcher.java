package dev.vigil.stream.release;

import dev.vigil.model.detector.ArtifactManifest;
import dev.vigil.model.detector.ModelArtifactException;
import dev.vigil.model.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads an artifact served over http(s) into a local cache folder, {@code CACHE/<manifest digest>/}: first
 * {@code BASE/manifest.json}, whose SHA-256 must be the release's, then each file it lists, each no larger than the
 * manifest says and with its SHA-256, the whole no larger than a bound. Only the URL of the release is fetched (no
 * redirects); a folder is moved into the cache only when complete, so a cached folder is always whole.
 */
public final class ArtifactFetcher {

    private static final Logger log = LoggerFactory.getLogger(ArtifactFetcher.class);

    /** The default bound on one artifact's bytes. */
    public static final long DEFAULT_MAX_BYTES = 2L * 1024 * 1024 * 1024;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final Path cacheDir;
    private final long maxBytes;
    private final HttpClient http;

    public ArtifactFetcher(Path cacheDir, long maxBytes) {
        this.cacheDir = cacheDir;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** True for the URIs this fetcher serves. */
    public static boolean isHttp(String uri) {
        return uri.startsWith("http://") || uri.startsWith("https://");
    }

    /**
     * The local folder of the artifact at {@code baseUrl}, fetched unless the cache has it.
     *
     * @throws ReleaseRefusedException UNREACHABLE when the server does not answer or answers an error,
     *     WRONG_DIGEST when the manifest is not the one named, CORRUPT when a file is not what the manifest says or the
     *     whole is larger than the bound
     */
    public Path fetch(String baseUrl, String manifestDigest) throws ReleaseRefusedException {
        if (!Sha256.isHex(manifestDigest)) {
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.WRONG_DIGEST,
                    "the release's manifest digest '" + manifestDigest + "' is not a SHA-256");
        }
        Path cached = cacheDir.resolve(manifestDigest);
        if (Files.isRegularFile(cached.resolve(ArtifactManifest.FILE))) {
            return cached;
        }
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        Path partial = null;
        try {
            Files.createDirectories(cacheDir);
            partial = Files.createTempDirectory(cacheDir, manifestDigest + ".partial-");
            byte[] manifestBytes = download(
                    base.resolve(ArtifactManifest.FILE),
                    ArtifactManifest.MAX_MANIFEST_BYTES,
                    partial.resolve(ArtifactManifest.FILE));
            String actual = Sha256.of(manifestBytes);
            if (!actual.equals(manifestDigest)) {
                throw new ReleaseRefusedException(
                        ReleaseRefusedException.Cause.WRONG_DIGEST,
                        base.resolve(ArtifactManifest.FILE) + " has SHA-256 " + actual + ", not the release's "
                                + manifestDigest);
            }
            ArtifactManifest manifest = ArtifactManifest.parse(manifestBytes, partial);
            long total = manifest.files().values().stream()
                    .mapToLong(ArtifactManifest.Entry::bytes)
                    .sum();
            if (total > maxBytes) {
                throw new ReleaseRefusedException(
                        ReleaseRefusedException.Cause.CORRUPT,
                        "the artifact at " + base + " is " + total + " bytes, more than the bound of " + maxBytes);
            }
            for (Map.Entry<String, ArtifactManifest.Entry> file :
                    manifest.files().entrySet()) {
                downloadChecked(base.resolve(file.getKey()), file.getValue(), partial.resolve(file.getKey()));
            }
            try {
                Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isRegularFile(cached.resolve(ArtifactManifest.FILE))) {
                    throw e;
                } // else another process cached the same artifact meanwhile
            }
            log.info("Fetched model artifact {} ({} bytes) into {}", base, total, cached);
            return cached;
        } catch (ModelArtifactException e) {
            throw new ReleaseRefusedException(ReleaseRefusedException.Cause.CORRUPT, e.getMessage(), e);
        } catch (IOException e) {
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.UNREACHABLE, "cannot fetch " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.UNREACHABLE, "interrupted while fetching " + base, e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Forgets the cached copy of an artifact, so that the next {@link #fetch} downloads it again. */
    public void evict(String manifestDigest) {
        if (Sha256.isHex(manifestDigest)) {
            deleteQuietly(cacheDir.resolve(manifestDigest));
        }
    }

    private byte[] download(URI uri, long limit, Path target)
            throws IOException, InterruptedException, ReleaseRefusedException {
        downloadTo(uri, limit, target, null);
        return Files.readAllBytes(target);
    }

    private void downloadChecked(URI uri, ArtifactManifest.Entry expected, Path target)
            throws IOException, InterruptedException, ReleaseRefusedException {
        MessageDigest digest = Sha256.digest();
        long size = downloadTo(uri, expected.bytes(), target, digest);
        String actual = HexFormat.of().formatHex(digest.digest());
        if (size != expected.bytes() || !actual.equals(expected.sha256())) {
            throw new ReleaseRefusedException(
                    ReleaseRefusedException.Cause.CORRUPT,
                    uri + ": " + size + " bytes with SHA-256 " + actual + ", but the manifest says " + expected.bytes()
                            + " bytes with " + expected.sha256());
        }
    }

    /** Streams the body into {@code target}, failing once it passes {@code limit} bytes; returns its size. */
    private long downloadTo(URI uri, long limit, Path target, MessageDigest digest)
            throws IOException, InterruptedException, ReleaseRefusedException {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new ReleaseRefusedException(
                        response.statusCode() == 404
                                ? ReleaseRefusedException.Cause.MISSING
                                : ReleaseRefusedException.Cause.UNREACHABLE,
                        uri + " answered HTTP " + response.statusCode());
            }
            long written = 0;
            byte[] buffer = new byte[64 * 1024];
            try (OutputStream file = Files.newOutputStream(target);
                    OutputStream out = digest == null ? file : new DigestOutputStream(file, digest)) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    written += n;
                    if (written > limit) {
                        throw new ReleaseRefusedException(
                                ReleaseRefusedException.Cause.CORRUPT,
                                uri + " is larger than the " + limit + " bytes expected");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return written;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            log.warn("Could not delete the partial download {}: {}", dir, e.getMessage());
        }
    }
}
