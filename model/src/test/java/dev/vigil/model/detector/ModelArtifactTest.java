package dev.vigil.model.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.io.Sha256;
import dev.vigil.model.testing.SampleFootage;
import dev.vigil.model.transform.TransformConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An artifact is read once, whole, and checked against its manifest: a changed file is refused by name, a folder
 * changed or deleted after reading changes nothing, and versions are unique by default.
 */
class ModelArtifactTest {

    private static final List<String> CLASSES = List.of("__background__", "person", "car");

    @TempDir
    Path dir;

    static Path writeSmallModel(Path directory, String version) throws IOException {
        ArchitectureConfig config = ArchitectureConfig.compact(CLASSES.size())
                .withTransform(TransformConfig.torchvision().withSizes(64, 96));
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelArtifact.write(
                    directory,
                    FasterRcnn.initialized(config, manager),
                    CLASSES,
                    ModelInfo.now("small", version, "random init", "none"));
        }
        return directory;
    }

    @Test
    void theManifestListsEveryFileAndTheDefaultVersionNamesTheDayAndTheWeights() throws Exception {
        Path model = writeSmallModel(dir.resolve("model"), null);
        ModelArtifact artifact = ModelArtifact.read(model);

        assertThat(artifact.hasManifest()).isTrue();
        ArtifactManifest manifest =
                ArtifactManifest.parse(Files.readAllBytes(model.resolve(ArtifactManifest.FILE)), model);
        assertThat(manifest.files().keySet()).containsExactlyInAnyOrderElementsOf(ModelArtifact.REQUIRED);
        for (String file : ModelArtifact.REQUIRED) {
            assertThat(manifest.files().get(file).sha256()).isEqualTo(Sha256.of(model.resolve(file)));
            assertThat(manifest.files().get(file).bytes()).isEqualTo(Files.size(model.resolve(file)));
        }
        assertThat(artifact.files().manifestSha256()).contains(Sha256.of(model.resolve(ArtifactManifest.FILE)));
        String weights = Sha256.of(model.resolve(ModelArtifact.WEIGHTS));
        assertThat(artifact.weightsSha256()).isEqualTo(weights);
        assertThat(artifact.info().version())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC) + "-" + weights.substring(0, ModelVersion.DIGEST_DIGITS));
    }

    @Test
    void twoModelsWrittenTheSameDayGetDifferentVersionsAndAGivenOneIsKept() throws Exception {
        String first = ModelArtifact.read(writeSmallModel(dir.resolve("a"), null))
                .info()
                .version();
        String second = ModelArtifact.read(writeSmallModel(dir.resolve("b"), null))
                .info()
                .version();
        assertThat(first).isNotEqualTo(second);
        assertThat(first.substring(0, 10)).isEqualTo(second.substring(0, 10));
        assertThat(ModelArtifact.read(writeSmallModel(dir.resolve("c"), "lobby-v2"))
                        .info()
                        .version())
                .isEqualTo("lobby-v2");
        assertThatThrownBy(() -> writeSmallModel(dir.resolve("d"), "lobby v2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model version 'lobby v2'");
    }

    @Test
    void aFileChangedAfterTheManifestWasWrittenIsRefusedNamingItAndTheCause() throws Exception {
        Path flipped = writeSmallModel(dir.resolve("flipped"), "1");
        byte[] weights = Files.readAllBytes(flipped.resolve(ModelArtifact.WEIGHTS));
        weights[weights.length - 1] ^= 1;
        Files.write(flipped.resolve(ModelArtifact.WEIGHTS), weights);
        assertThatThrownBy(() -> ModelArtifact.read(flipped))
                .isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining(ModelArtifact.WEIGHTS)
                .hasMessageContaining("does not match");

        Path truncated = writeSmallModel(dir.resolve("truncated"), "1");
        try (var channel = Files.newByteChannel(truncated.resolve(ModelArtifact.WEIGHTS), StandardOpenOption.WRITE)) {
            channel.truncate(1000);
        }
        assertThatThrownBy(() -> ModelArtifact.read(truncated))
                .isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining(ModelArtifact.WEIGHTS)
                .hasMessageContaining("1000 bytes, but manifest.json says");

        Path otherConfig = writeSmallModel(dir.resolve("other-config"), "1");
        ObjectNode config = (ObjectNode) new ObjectMapper()
                .readTree(otherConfig.resolve(ModelArtifact.CONFIG).toFile());
        config.with("boxHead").put("scoreThreshold", 0.9);
        new ObjectMapper().writeValue(otherConfig.resolve(ModelArtifact.CONFIG).toFile(), config);
        assertThatThrownBy(() -> ModelArtifact.read(otherConfig))
                .isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining(ModelArtifact.CONFIG);

        Path missing = writeSmallModel(dir.resolve("missing"), "1");
        Files.delete(missing.resolve(ModelArtifact.CLASSES));
        assertThatThrownBy(() -> ModelArtifact.read(missing))
                .isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining(ModelArtifact.CLASSES)
                .hasMessageContaining("missing");
    }

    @Test
    void aManifestNamingAFileOutsideTheFolderIsRefused() throws Exception {
        Path model = writeSmallModel(dir.resolve("model"), "1");
        String manifest =
                Files.readString(model.resolve(ArtifactManifest.FILE)).replace("\"classes.txt\"", "\"../classes.txt\"");
        Files.writeString(model.resolve(ArtifactManifest.FILE), manifest);
        assertThatThrownBy(() -> ModelArtifact.read(model))
                .isInstanceOf(ModelArtifactException.class)
                .hasMessageContaining("'../classes.txt', which is not a plain file name");
    }

    @Test
    void whatIsMadeFromAnArtifactOnceReadDoesNotDependOnItsFolder() throws Exception {
        Path model = writeSmallModel(dir.resolve("model"), "1");
        ModelArtifact artifact = ModelArtifact.read(model);
        RgbImage grey = new RgbImage("grey", new ImageSize(64, 96), grey(3 * 64 * 96));
        List<List<DetectedObject>> before;
        try (Detector detector = Detector.load(artifact, Device.cpu())) {
            before = detector.detect(List.of(grey));
        }
        try (Stream<Path> files = Files.list(model)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(model);
        writeSmallModel(model, "2");

        try (Detector detector = Detector.load(artifact, Device.cpu())) {
            assertThat(detector.detect(List.of(grey)))
                    .as("the copy read before the folder was replaced")
                    .isEqualTo(before);
        }
        assertThat(artifact.info().version()).isEqualTo("1");
        assertThat(ModelArtifact.read(model).weightsSha256()).isNotEqualTo(artifact.weightsSha256());
    }

    @Test
    void anArtifactWithoutAManifestIsReadAsItIsWithItsDigests() throws Exception {
        Path model = writeSmallModel(dir.resolve("model"), "1");
        Files.delete(model.resolve(ArtifactManifest.FILE));
        ModelArtifact artifact = ModelArtifact.read(model);
        assertThat(artifact.hasManifest()).isFalse();
        assertThat(artifact.weightsSha256()).isEqualTo(Sha256.of(model.resolve(ModelArtifact.WEIGHTS)));
    }

    @Test
    void theShippedModelHasAManifestItsFilesMatch() throws Exception {
        Path shipped = SampleFootage.REPO.resolve("models/vigil-default");
        ModelArtifact artifact = ModelArtifact.read(shipped);
        assertThat(artifact.hasManifest()).isTrue();
        assertThat(artifact.files().digests().keySet())
                .containsAll(ModelArtifact.REQUIRED)
                .contains(ModelArtifact.TRAINING);
    }

    private static float[] grey(int n) {
        float[] values = new float[n];
        Arrays.fill(values, 0.5f);
        return values;
    }
}
