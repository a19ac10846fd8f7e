package dev.vigil.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.testing.SampleFootage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Weight files in the safetensors layout: what Vigil writes, DJL's own safetensors codec ({@code NDList.encode /
 * decode}) reads tensor for tensor, and the other way round; the shipped model's weights read back and written again
 * give the same header entries and the same data bytes.
 */
class SafetensorsFileTest {

    private static final Path SHIPPED_WEIGHTS = SampleFootage.REPO.resolve("models/vigil-default/weights.safetensors");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void whatVigilWritesDjlReadsAndWhatDjlWritesVigilReads(@TempDir Path dir) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            arrays.put("backbone.features.0.weight", manager.randomNormal(new Shape(4, 3, 3, 3)));
            arrays.put("rpn.head.cls_logits.bias", manager.create(new float[] {1.5f, -2f, 0f}));
            arrays.put("scalar", manager.create(7.25f));

            Path ours = dir.resolve("ours.safetensors");
            SafetensorsFile.write(ours, arrays);
            NDList decoded = NDList.decode(manager, Files.newInputStream(ours));
            assertThat(decoded).hasSize(arrays.size());
            for (NDArray array : decoded) {
                NDArray original = arrays.get(array.getName());
                assertThat(array.getShape()).isEqualTo(original.getShape());
                assertThat(array.toFloatArray()).containsExactly(original.toFloatArray());
            }

            Path djls = dir.resolve("djl.safetensors");
            NDList named = new NDList();
            arrays.forEach((key, array) -> {
                NDArray copy = array.duplicate();
                copy.setName(key);
                named.add(copy);
            });
            try (OutputStream out = Files.newOutputStream(djls)) {
                named.encode(out, NDList.Encoding.SAFETENSORS);
            }
            StateDict read = SafetensorsFile.read(djls);
            assertThat(read.tensors().keySet()).containsExactlyInAnyOrderElementsOf(arrays.keySet());
            arrays.forEach((key, array) -> {
                assertThat(read.tensor(key).shape())
                        .containsExactly(array.getShape().getShape());
                assertThat(read.tensor(key).floats()).containsExactly(array.toFloatArray());
            });
        }
    }

    @Test
    void theShippedWeightsReadBackAndWrittenAgainKeepTheirHeaderAndData(@TempDir Path dir) throws IOException {
        StateDict shipped = SafetensorsFile.read(SHIPPED_WEIGHTS);
        assertThat(shipped.tensors()).isNotEmpty();
        Path again = dir.resolve("again.safetensors");
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            shipped.tensors()
                    .forEach((key, tensor) ->
                            arrays.put(key, manager.create(tensor.floats(), new Shape(tensor.shape()))));
            SafetensorsFile.write(again, arrays);
        }
        byte[] original = Files.readAllBytes(SHIPPED_WEIGHTS);
        byte[] rewritten = Files.readAllBytes(again);
        assertThat(header(rewritten)).isEqualTo(header(original));
        assertThat(Arrays.copyOfRange(rewritten, dataStart(rewritten), rewritten.length))
                .isEqualTo(Arrays.copyOfRange(original, dataStart(original), original.length));
    }

    @Test
    void aTruncatedOrInconsistentFileFailsNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] shipped = Files.readAllBytes(SHIPPED_WEIGHTS);
        Path truncated = dir.resolve("truncated.safetensors");
        Files.write(truncated, Arrays.copyOf(shipped, shipped.length - 1000));
        assertThatThrownBy(() -> SafetensorsFile.read(truncated))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated.safetensors");

        Path tooLong = dir.resolve("header.safetensors");
        byte[] bytes = shipped.clone();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE / 2);
        Files.write(tooLong, bytes);
        assertThatThrownBy(() -> SafetensorsFile.read(tooLong))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("header.safetensors")
                .hasMessageContaining("header length");

        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SafetensorsFile.read(tiny)).hasMessageContaining("tiny.safetensors");
    }

    /** The header's entries by key (their order aside). */
    private static Map<String, JsonNode> header(byte[] file) throws IOException {
        int length = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        JsonNode header = JSON.readTree(new String(file, Long.BYTES, length, StandardCharsets.UTF_8));
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        header.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("__metadata__")) {
                entries.put(e.getKey(), e.getValue());
            }
        });
        return entries;
    }

    private static int dataStart(byte[] file) {
        return Long.BYTES
                + (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }
}
