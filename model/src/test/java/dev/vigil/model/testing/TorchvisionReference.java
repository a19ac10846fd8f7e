package dev.vigil.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.transform.ImageTransform;
import dev.vigil.model.transform.TransformConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * torchvision's intermediates on real frames, written by {@code src/test/python/parity/make_reference.py} with
 * Debian's python3-torch / python3-torchvision and cached under {@code target/parity-reference} (regenerated when
 * the script changes). The footage is {@code vtest.avi} from Debian's {@code opencv-doc}, fetched with
 * {@code apt-get download} when it is not installed.
 */
public final class TorchvisionReference {

    public static final String RESNET50_FPN = "fasterrcnn_resnet50_fpn";
    public static final String MOBILENET_V3_FPN = "fasterrcnn_mobilenet_v3_large_fpn";

    private static final Path SCRIPT = Paths.get("src/test/python/parity/make_reference.py");
    private static final Path CACHE = Paths.get("target/parity-reference");
    private static final String PYTHON = "/usr/bin/python3";
    private static final String VIDEO_IN_PACKAGE = "usr/share/doc/opencv-doc/examples/data/vtest.avi";
    private static final long GENERATION_TIMEOUT_MINUTES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode index;

    private TorchvisionReference(Path dir) throws IOException {
        this.dir = dir;
        this.index = JSON.readTree(dir.resolve("index.json").toFile());
    }

    /** The reference of one architecture, generating all of them first if needed. */
    public static synchronized TorchvisionReference of(String arch) throws IOException, InterruptedException {
        ensureGenerated();
        return new TorchvisionReference(CACHE.resolve(arch));
    }

    public JsonNode index() {
        return index;
    }

    public Path weights() {
        return dir.resolve("weights.pth");
    }

    public List<Path> frames() {
        List<Path> frames = new ArrayList<>();
        index.get("frames").forEach(f -> frames.add(dir.resolve(f.asText()).normalize()));
        return frames;
    }

    public List<ImageSize> sizes(String field) {
        List<ImageSize> sizes = new ArrayList<>();
        index.get(field)
                .forEach(s -> sizes.add(new ImageSize(s.get(0).asInt(), s.get(1).asInt())));
        return sizes;
    }

    public boolean has(String name) {
        return index.get("tensors").has(name);
    }

    public long[] shape(String name) {
        JsonNode shape = entry(name).get("shape");
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong();
        }
        return dims;
    }

    public float[] tensor(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(entry(name).get("file").asText()));
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private JsonNode entry(String name) {
        JsonNode entry = index.get("tensors").get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no tensor " + name + " in the reference " + dir);
        }
        return entry;
    }

    /** The reference frames decoded as the detector reads them. */
    public List<RgbImage> decodedFrames() throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        List<RgbImage> decoded = new ArrayList<>();
        for (Path frame : frames()) {
            decoded.add(decoder.read(frame));
        }
        return decoded;
    }

    /** torchvision's transform at the sizes the reference was made with. */
    public ImageTransform transform() {
        return new ImageTransform(TransformConfig.torchvision()
                .withSizes(
                        index().get("min_size").asInt(), index().get("max_size").asInt()));
    }

    private static void ensureGenerated() throws IOException, InterruptedException {
        Path stamp = CACHE.resolve("script.sha256");
        String scriptHash = sha256(Files.readAllBytes(SCRIPT));
        if (Files.exists(stamp) && Files.readString(stamp).equals(scriptHash)) {
            return;
        }
        requireTorchvision();
        Files.createDirectories(CACHE);
        Path log = CACHE.resolve("make_reference.log");
        run(log, PYTHON, SCRIPT.toString(), "--video", video().toString(), "--out", CACHE.toString());
        Files.writeString(stamp, scriptHash);
    }

    private static void requireTorchvision() throws IOException, InterruptedException {
        Path log = Files.createTempFile("vigil-torch-check", ".log");
        Process check = new ProcessBuilder(PYTHON, "-c", "import torch, torchvision, cv2")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (check.waitFor() != 0) {
            throw new IllegalStateException("the parity reference needs Debian's torch, torchvision and OpenCV for "
                    + PYTHON + ": apt-get install -y python3-torch python3-torchvision python3-opencv ("
                    + Files.readString(log).strip() + ")");
        }
    }

    private static Path video() throws IOException, InterruptedException {
        Path installed = Paths.get("/").resolve(VIDEO_IN_PACKAGE);
        if (Files.exists(installed)) {
            return installed;
        }
        Path unpacked = CACHE.resolve("opencv-doc");
        Path video = unpacked.resolve(VIDEO_IN_PACKAGE);
        if (!Files.exists(video)) {
            Files.createDirectories(unpacked);
            Path log = CACHE.resolve("opencv-doc.log");
            run(
                    log,
                    "sh",
                    "-c",
                    "cd '" + unpacked.toAbsolutePath() + "' && apt-get download opencv-doc"
                            + " && dpkg-deb -x opencv-doc_*.deb . && rm opencv-doc_*.deb");
        }
        return video;
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(GENERATION_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " timed out; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
