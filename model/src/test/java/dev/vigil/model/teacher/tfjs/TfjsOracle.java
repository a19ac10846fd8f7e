package dev.vigil.model.teacher.tfjs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.testing.SampleFootage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test oracle: TensorFlow.js 4.22 on its WebAssembly backend (installed by scripts/install-tfjs-oracle.sh) runs a
 * graph model through scripts/tfjs-oracle/run-graph-model.js on the same float inputs as the Java reader.
 */
final class TfjsOracle {

    static final Path SCRIPT = SampleFootage.REPO.resolve("scripts/tfjs-oracle/run-graph-model.js");
    static final Path NODE_MODULES = SampleFootage.REPO.resolve(".vigil/tfjs-oracle/node_modules");

    /** One output of one run: its values as floats (int32 outputs converted), its shape and the run's time. */
    record Output(String name, String dtype, long[] shape, float[] values, double millis) {}

    private TfjsOracle() {}

    static void assumeInstalled() {
        assertThat(NODE_MODULES.resolve("@tensorflow/tfjs-backend-wasm"))
                .withFailMessage("TF.js oracle missing: run scripts/install-tfjs-oracle.sh")
                .isDirectory();
    }

    /**
     * Runs {@code model} on each input (float32 values in the model's input shape) and returns, per input, the named
     * outputs by name.
     */
    static List<Map<String, Output>> run(Path model, List<float[]> inputs, List<String> outputs, Path work)
            throws IOException, InterruptedException {
        assumeInstalled();
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(
                "node",
                SCRIPT.toString(),
                model.toString(),
                work.resolve("out").toString(),
                String.join(",", outputs)));
        for (int i = 0; i < inputs.size(); i++) {
            Path file = work.resolve("input" + i + ".f32");
            ByteBuffer bytes = ByteBuffer.allocate(inputs.get(i).length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(inputs.get(i));
            Files.write(file, bytes.array());
            command.add(file.toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", NODE_MODULES.toString());
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("TF.js oracle exit status; its output:%n%s", log)
                .isZero();
        JsonNode manifest =
                new ObjectMapper().readTree(work.resolve("out/manifest.json").toFile());
        assertThat(manifest.path("backend").asText()).isEqualTo("wasm");
        List<Map<String, Output>> results = new ArrayList<>();
        for (JsonNode run : manifest.path("inputs")) {
            Map<String, Output> byName = new LinkedHashMap<>();
            for (JsonNode out : run.path("outputs")) {
                long[] shape = new long[out.path("shape").size()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = out.path("shape").get(d).asLong();
                }
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(
                                work.resolve("out").resolve(out.path("file").asText())))
                        .order(ByteOrder.LITTLE_ENDIAN);
                String dtype = out.path("dtype").asText();
                float[] values = new float[bytes.remaining() / 4];
                for (int v = 0; v < values.length; v++) {
                    values[v] = dtype.equals("float32") ? bytes.getFloat() : bytes.getInt();
                }
                byName.put(
                        out.path("name").asText(),
                        new Output(
                                out.path("name").asText(),
                                dtype,
                                shape,
                                values,
                                run.path("millis").asDouble()));
            }
            results.add(byName);
        }
        return results;
    }
}
