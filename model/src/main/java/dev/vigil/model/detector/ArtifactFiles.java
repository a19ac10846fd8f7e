package dev.vigil.model.detector;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files of a model artifact as they were read, once, with their SHA-256s: what every detector made from the
 * artifact is built from, so a folder changed or deleted afterwards changes nothing. Immutable.
 */
public final class ArtifactFiles {

    private final Map<String, byte[]> contents;
    private final Map<String, String> sha256;
    private final String manifestSha256;

    /**
     * @param contents each file's bytes by name (kept, not copied: the caller gives them up)
     * @param sha256 each file's SHA-256 by name
     * @param manifestSha256 the SHA-256 of the manifest the files were checked against, or null when the artifact had
     *     none
     */
    ArtifactFiles(Map<String, byte[]> contents, Map<String, String> sha256, String manifestSha256) {
        this.contents = Collections.unmodifiableMap(new TreeMap<>(contents));
        this.sha256 = Collections.unmodifiableMap(new TreeMap<>(sha256));
        this.manifestSha256 = manifestSha256;
    }

    public boolean has(String file) {
        return contents.containsKey(file);
    }

    /** The content of {@code file}, from memory. */
    public InputStream open(String file) {
        return new ByteArrayInputStream(bytes(file));
    }

    public long size(String file) {
        return bytes(file).length;
    }

    /** SHA-256 (hex) of {@code file}'s content. */
    public String sha256(String file) {
        bytes(file);
        return sha256.get(file);
    }

    /** Every file's SHA-256, by name. */
    public Map<String, String> digests() {
        return sha256;
    }

    /** The SHA-256 of the manifest the files were checked against; empty when the artifact had no manifest. */
    public Optional<String> manifestSha256() {
        return Optional.ofNullable(manifestSha256);
    }

    /** Bytes held in all. */
    public long totalBytes() {
        return contents.values().stream().mapToLong(b -> b.length).sum();
    }

    byte[] bytes(String file) {
        byte[] content = contents.get(file);
        if (content == null) {
            throw new IllegalArgumentException("the artifact has no file " + file);
        }
        return content;
    }
}
