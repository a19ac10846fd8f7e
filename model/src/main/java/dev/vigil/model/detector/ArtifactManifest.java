package dev.vigil.model.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.io.AtomicFile;
import dev.vigil.model.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SHA-256 and size of every file of a model artifact, kept in the artifact as {@value #FILE}:
 *
 * <pre>{"format": 1, "files": {"config.json": {"sha256": "9f2c…", "bytes": 1085}, …}}</pre>
 *
 * Written last, after every other file ({@link ModelArtifact#write}, and {@link #writeFor} after a file changes);
 * {@link ModelArtifact#read} checks each file against it. The manifest's own SHA-256 names the whole artifact: a model
 * release records it. A manifest may come from elsewhere (an HTTP server), so its file names must be plain names in
 * the artifact's folder and its sizes are bounded.
 *
 * @param files by file name
 */
public record ArtifactManifest(SortedMap<String, Entry> files) {

    public static final String FILE = "manifest.json";
    public static final int FORMAT = 1;
    /** Files in one artifact, at most. */
    public static final int MAX_FILES = 64;
    /** The largest file an artifact may hold (what one Java array holds). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** The largest manifest read. */
    public static final int MAX_MANIFEST_BYTES = 64 * 1024;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One file's content. */
    public record Entry(String sha256, long bytes) {}

    public ArtifactManifest {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** True when {@code name} may be a file of an artifact (a plain name, no path, not hidden). */
    public static boolean isPlainName(String name) {
        return PLAIN_NAME.matcher(name).matches() && !name.equals(FILE);
    }

    /**
     * Parses a manifest.
     *
     * @param directory for messages
     * @throws ModelArtifactException naming the cause when it is not a manifest of this format, names a file outside
     *     the folder, or gives a size or digest that cannot be one
     */
    public static ArtifactManifest parse(byte[] json, Path directory) throws ModelArtifactException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ModelArtifactException(directory, FILE, "unreadable: " + e.getMessage(), e);
        }
        if (root == null
                || root.path("format").asInt(-1) != FORMAT
                || !root.path("files").isObject()) {
            throw new ModelArtifactException(directory, FILE, "not a manifest of format " + FORMAT);
        }
        JsonNode filesNode = root.path("files");
        if (filesNode.size() > MAX_FILES) {
            throw new ModelArtifactException(
                    directory, FILE, filesNode.size() + " files listed; an artifact has at most " + MAX_FILES);
        }
        SortedMap<String, Entry> files = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = filesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (!isPlainName(name)) {
                throw new ModelArtifactException(
                        directory, FILE, "lists '" + name + "', which is not a plain file name");
            }
            String sha256 = field.getValue().path("sha256").asText("");
            long bytes = field.getValue().path("bytes").asLong(-1);
            if (!Sha256.isHex(sha256) || bytes < 0 || bytes > MAX_FILE_BYTES) {
                throw new ModelArtifactException(
                        directory,
                        FILE,
                        "the entry of '" + name + "' has no valid sha256 and bytes: " + field.getValue());
            }
            files.put(name, new Entry(sha256, bytes));
        }
        return new ArtifactManifest(files);
    }

    /**
     * Writes (atomically) the manifest of the files now in {@code directory}: every regular file with a plain name.
     *
     * @return the manifest written
     */
    public static ArtifactManifest writeFor(Path directory) throws IOException {
        SortedMap<String, Entry> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(directory)) {
            for (Path file : (Iterable<Path>) listing::iterator) {
                String name = file.getFileName().toString();
                if (isPlainName(name) && !name.endsWith(".partial") && Files.isRegularFile(file)) {
                    files.put(name, new Entry(Sha256.of(file), Files.size(file)));
                }
            }
        }
        ArtifactManifest manifest = new ArtifactManifest(files);
        byte[] json = manifest.toJson();
        AtomicFile.write(directory.resolve(FILE), temporary -> Files.write(temporary, json));
        return manifest;
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode filesNode = root.putObject("files");
        files.forEach((name, entry) ->
                filesNode.putObject(name).put("sha256", entry.sha256()).put("bytes", entry.bytes()));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a manifest as JSON", e);
        }
    }

    /**
     * Checks one file's content against its entry.
     *
     * @throws ModelArtifactException naming the file when it is not listed, or its size or SHA-256 differ
     */
    public void check(Path directory, String name, byte[] content) throws ModelArtifactException {
        Entry entry = files.get(name);
        if (entry == null) {
            throw new ModelArtifactException(directory, name, "not listed in " + FILE);
        }
        if (content.length != entry.bytes()) {
            throw new ModelArtifactException(
                    directory, name, content.length + " bytes, but " + FILE + " says " + entry.bytes());
        }
        String actual = Sha256.of(content);
        if (!actual.equals(entry.sha256())) {
            throw new ModelArtifactException(
                    directory, name, "SHA-256 " + actual + " does not match " + FILE + "'s " + entry.sha256());
        }
    }
}
