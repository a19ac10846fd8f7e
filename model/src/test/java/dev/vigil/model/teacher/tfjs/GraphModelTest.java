package dev.vigil.model.teacher.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading model files: quantized weights, and clear errors for files that cannot be run. */
class GraphModelTest {

    @TempDir
    Path tmp;

    private Path write(String weightsJson, byte[] shard, String nodes) throws IOException {
        Files.write(tmp.resolve("w.bin"), shard);
        Path model = tmp.resolve("model.json");
        Files.writeString(
                model,
                "{\"format\":\"graph-model\",\"modelTopology\":{\"node\":[" + nodes + "]},"
                        + "\"weightsManifest\":[{\"paths\":[\"w.bin\"],\"weights\":[" + weightsJson + "]}]}");
        return model;
    }

    @Test
    void decodesFloat16AndAffineUint8Weights() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * 2 + 3 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0x3C00).putShort((short) 0xC100); // 1, -2.5
        b.put((byte) 0).put((byte) 10).put((byte) 255); // min -1, scale 0.1
        b.putInt(-7);
        Path model = write(
                "{\"name\":\"h\",\"shape\":[2],\"dtype\":\"float32\",\"quantization\":{\"dtype\":\"float16\"}},"
                        + "{\"name\":\"q\",\"shape\":[3],\"dtype\":\"float32\","
                        + "\"quantization\":{\"dtype\":\"uint8\",\"scale\":0.1,\"min\":-1}},"
                        + "{\"name\":\"i\",\"shape\":[],\"dtype\":\"int32\"}",
                b.array(),
                "{\"name\":\"h\",\"op\":\"Const\"},{\"name\":\"q\",\"op\":\"Const\"},{\"name\":\"i\",\"op\":\"Const\"},"
                        + "{\"name\":\"x\",\"op\":\"Placeholder\",\"attr\":{\"shape\":{\"shape\":{\"dim\":[{\"size\":\"2\"}]}}}},"
                        + "{\"name\":\"y\",\"op\":\"Mul\",\"input\":[\"x\",\"h\"]}");
        GraphModel graph = GraphModel.read(model);
        assertThat(graph.weights().get("h").floats()).containsExactly(1f, -2.5f);
        assertThat(graph.weights().get("q").floats()).containsExactly(-1f, 0f, 24.5f);
        assertThat(graph.weights().get("i").ints()).containsExactly(-7);
        assertThat(graph.inputs()).containsExactly("x");
        assertThat(graph.inputShapes().get("x")).containsExactly(2);
        assertThat(graph.outputs()).containsExactly("y");
    }

    @Test
    void refusesShardsOutsideTheModelFolderAndShortShards() throws IOException {
        Path model = write("{\"name\":\"h\",\"shape\":[4],\"dtype\":\"float32\"}", new byte[8], "");
        assertThatThrownBy(() -> GraphModel.read(model)).hasMessageContaining("needs 16 bytes");
        Files.writeString(
                model,
                "{\"format\":\"graph-model\",\"modelTopology\":{\"node\":[]},"
                        + "\"weightsManifest\":[{\"paths\":[\"../secret.bin\"],\"weights\":[]}]}");
        assertThatThrownBy(() -> GraphModel.read(model)).hasMessageContaining("outside the model's folder");
        assertThatThrownBy(() -> GraphModel.read(tmp.resolve("none.json"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void namesEveryUnsupportedOpWhenLoaded() throws IOException {
        Path model = write(
                "",
                new byte[0],
                "{\"name\":\"x\",\"op\":\"Placeholder\"},{\"name\":\"a\",\"op\":\"Erf\",\"input\":[\"x\"]},"
                        + "{\"name\":\"b\",\"op\":\"Cumsum\",\"input\":[\"a\"]}");
        GraphModel graph = GraphModel.read(model);
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> GraphExecutor.load(graph, manager))
                    .hasMessageContaining("[Cumsum, Erf]")
                    .hasMessageContaining(model.toString());
        }
    }
}
