package dev.vigil.model.detector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.cli.DetectImageCommand;
import dev.vigil.model.cli.ImportTorchvisionCommand;
import dev.vigil.model.testing.TorchvisionReference;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The user's path with torchvision weights: {@code import-torchvision} on a real torchvision {@code .pth}, then
 * {@code detect-image} on real frames, as command lines.
 */
class CommandLineToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static TorchvisionReference reference;
    static Path artifact;

    @BeforeAll
    static void importWeights() throws Exception {
        reference = TorchvisionReference.of(TorchvisionReference.MOBILENET_V3_FPN);
        artifact = tmp.resolve("imported");
        int exit = new CommandLine(new ImportTorchvisionCommand())
                .execute(
                        "--arch",
                        TorchvisionReference.MOBILENET_V3_FPN,
                        "--weights",
                        reference.weights().toString(),
                        "--out",
                        artifact.toString(),
                        "--name",
                        "coco-mobilenet",
                        "--version",
                        "7",
                        "--min-size",
                        reference.index().get("min_size").asText(),
                        "--max-size",
                        reference.index().get("max_size").asText());
        assertThat(exit).isZero();
    }

    @Test
    void importWritesAnArtifactWithItsProvenance() throws Exception {
        assertThat(artifact.resolve(ModelArtifact.CONFIG)).exists();
        assertThat(artifact.resolve(ModelArtifact.WEIGHTS)).exists();
        assertThat(Files.readAllLines(artifact.resolve(ModelArtifact.CLASSES)))
                .hasSize(91)
                .first()
                .isNotNull();
        JsonNode info = JSON.readTree(artifact.resolve(ModelArtifact.INFO).toFile());
        assertThat(info.get("name").asText()).isEqualTo("coco-mobilenet");
        assertThat(info.get("version").asText()).isEqualTo("7");
        String sha = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(reference.weights())));
        assertThat(info.toString()).contains(sha);
    }

    @Test
    void detectImageWritesOneJsonLinePerImageAndDrawsTheBoxes() throws Exception {
        Path json = tmp.resolve("out.jsonl");
        Path drawn = tmp.resolve("drawn");
        List<String> args = new ArrayList<>(
                List.of("--model", artifact.toString(), "--json", json.toString(), "--draw", drawn.toString()));
        reference.frames().forEach(f -> args.add(f.toString()));
        int exit = new CommandLine(new DetectImageCommand()).execute(args.toArray(String[]::new));

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(json);
        assertThat(lines).hasSize(reference.frames().size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = JSON.readTree(lines.get(i));
            BufferedImage input = ImageIO.read(reference.frames().get(i).toFile());
            assertThat(line.get("image").asText())
                    .endsWith(reference.frames().get(i).getFileName().toString());
            assertThat(line.get("detections")).isNotEmpty();
            for (JsonNode d : line.get("detections")) {
                assertThat(d.get("label").asText()).isNotBlank();
                assertThat(d.get("class_id").asInt()).isBetween(1, 90);
                assertThat(d.get("score").asDouble()).isBetween(0.05, 1.0);
                JsonNode box = d.get("box");
                assertThat(box).hasSize(4);
                assertThat(box.get(0).asDouble()).isBetween(0.0, box.get(2).asDouble());
                assertThat(box.get(2).asDouble()).isLessThanOrEqualTo(input.getWidth());
                assertThat(box.get(3).asDouble()).isLessThanOrEqualTo(input.getHeight());
            }
            String png = reference.frames().get(i).getFileName().toString().replaceFirst("\\.[^.]*$", "") + ".png";
            BufferedImage output = ImageIO.read(drawn.resolve(png).toFile());
            assertThat(output.getWidth()).isEqualTo(input.getWidth());
            assertThat(output.getHeight()).isEqualTo(input.getHeight());
        }
    }

    @Test
    void aMissingWeightsFileFailsNamingTheFile() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ImportTorchvisionCommand());
        cli.setErr(new PrintWriter(err));
        Path missing = tmp.resolve("nope.pth");
        int exit = cli.execute(
                "--arch",
                TorchvisionReference.MOBILENET_V3_FPN,
                "--weights",
                missing.toString(),
                "--out",
                tmp.resolve("never").toString());
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("nope.pth");
    }
}
