package dev.vigil.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.testing.BackbonePythonFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads files written by torch.save and compares every value with what torch itself reported. */
class TorchStateDictReaderTest {

    @TempDir
    static Path fixtures;

    private static JsonNode expected;

    @BeforeAll
    static void writeFixturesWithTorch() throws IOException {
        BackbonePythonFixtures.run("write_state_dict_fixtures.py", fixtures.toString());
        expected = new ObjectMapper().readTree(fixtures.resolve("expected.json").toFile());
    }

    @Test
    void readsEveryTensorAsTorchReportsIt() throws IOException {
        StateDict stateDict = TorchStateDictReader.read(fixtures.resolve("tensors.pth"));

        assertMatchesTorch(stateDict);
    }

    @Test
    void readsTheMetadataVersionsOfEachModule() throws IOException {
        StateDict stateDict = TorchStateDictReader.read(fixtures.resolve("tensors.pth"));

        Map<String, Integer> versions = stateDict.moduleVersions();
        assertThat(versions).hasSize(expected.get("versions").size());
        expected.get("versions")
                .fields()
                .forEachRemaining(module -> assertThat(versions)
                        .containsEntry(module.getKey(), module.getValue().asInt()));
        assertThat(stateDict.moduleVersion("rpn.head")).hasValue(1);
        assertThat(stateDict.moduleVersion("backbone.body")).isEmpty();
    }

    @Test
    void readsTheStateDictInsideACheckpointByItsKey() throws IOException {
        StateDict stateDict = TorchStateDictReader.read(fixtures.resolve("checkpoint.pth"), "model");

        assertMatchesTorch(stateDict);
        assertThat(stateDict.source()).endsWith("checkpoint.pth[model]");
    }

    @Test
    void aCheckpointReadWithoutItsKeyNamesTheKeysToChooseFrom() {
        assertThatThrownBy(() -> TorchStateDictReader.read(fixtures.resolve("checkpoint.pth")))
                .isInstanceOf(TorchFileFormatException.class)
                .hasMessageContaining("checkpoint.pth")
                .hasMessageContaining("entry 'model' holds a dict, not a tensor")
                .hasMessageContaining("[model, epoch, args]");
        assertThatThrownBy(() -> TorchStateDictReader.read(fixtures.resolve("checkpoint.pth"), "state_dict"))
                .isInstanceOf(TorchFileFormatException.class)
                .hasMessageContaining("'state_dict' is absent; keys are [model, epoch, args]");
    }

    @Test
    void readsTheLegacyFormatOfTorchBefore16() throws IOException {
        StateDict stateDict = TorchStateDictReader.read(fixtures.resolve("legacy.pth"));

        assertMatchesTorch(stateDict);
        assertThat(stateDict.moduleVersion("backbone.fpn")).hasValue(2);
    }

    @Test
    void aTruncatedLegacyFileIsReportedAsSuch() throws IOException {
        byte[] legacy = Files.readAllBytes(fixtures.resolve("legacy.pth"));
        Path truncated = Files.write(
                fixtures.resolve("legacy-truncated.pth"), java.util.Arrays.copyOf(legacy, legacy.length - 10));

        assertThatThrownBy(() -> TorchStateDictReader.read(truncated))
                .isInstanceOf(TorchFileFormatException.class)
                .hasMessageContaining("legacy-truncated.pth: the file ends inside its storages");
    }

    @Test
    void aFileThatIsNeitherZipNorPickleIsRefused() throws IOException {
        Path text = Files.writeString(fixtures.resolve("notes.pth"), "not a checkpoint");

        assertThatThrownBy(() -> TorchStateDictReader.read(text))
                .isInstanceOf(TorchFileFormatException.class)
                .hasMessageContaining("notes.pth is not a torch.save file");
    }

    @Test
    void aMissingStorageNamesTheRecordAndTheTensor() throws IOException {
        Path broken = fixtures.resolve("missing-storage.pth");
        rewriteZip(fixtures.resolve("tensors.pth"), broken, "tensors/data/0", null);

        assertThatThrownBy(() -> TorchStateDictReader.read(broken))
                .isInstanceOf(TorchFileFormatException.class)
                .hasMessageContaining("missing-storage.pth")
                .hasMessageContaining("storage record 'tensors/data/0' for tensor 'conv.weight' is missing");
    }

    @Test
    void anUnsupportedOpcodeNamesTheFileEntryAndByte() throws IOException {
        Path broken = fixtures.resolve("odd-opcode.pth");
        byte[] pickle = {(byte) 0x80, 2, 'P', '0', '\n', '.'}; // PERSID: the text protocol's persistent id
        rewriteZip(fixtures.resolve("tensors.pth"), broken, "tensors/data.pkl", pickle);

        assertThatThrownBy(() -> TorchStateDictReader.read(broken))
                .isInstanceOf(TorchFileFormatException.class)
                .hasMessageContaining("odd-opcode.pth!tensors/data.pkl")
                .hasMessageContaining("unsupported pickle opcode 0x50 ('P') at byte 2");
    }

    @Test
    void aTruncatedPickleIsReportedAsSuch() throws IOException {
        Path broken = fixtures.resolve("truncated.pth");
        rewriteZip(
                fixtures.resolve("tensors.pth"),
                broken,
                "tensors/data.pkl",
                "\u0080\u0002}q\u0000".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> TorchStateDictReader.read(broken))
                .isInstanceOf(TorchFileFormatException.class)
                .hasMessageContaining("truncated.pth!tensors/data.pkl: pickle ends before its STOP opcode");
    }

    private static void assertMatchesTorch(StateDict stateDict) {
        JsonNode tensors = expected.get("tensors");
        List<String> expectedKeys = new ArrayList<>();
        tensors.fieldNames().forEachRemaining(expectedKeys::add);
        assertThat(stateDict.tensors().keySet()).containsExactlyElementsOf(expectedKeys);
        for (String key : expectedKeys) {
            JsonNode reference = tensors.get(key);
            StoredTensor tensor = stateDict.tensor(key);
            assertThat(tensor.dtype().name().toLowerCase())
                    .as(key)
                    .isEqualTo(reference.get("dtype").asText());
            assertThat(tensor.shape()).as(key).containsExactly(longs(reference.get("shape")));
            if (tensor.isFloatingPoint()) {
                assertThat(tensor.floats()).as(key).containsExactly(floats(reference.get("values")));
            } else {
                assertThat(tensor.longs()).as(key).containsExactly(longs(reference.get("values")));
            }
        }
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    /** Copies a zip, dropping entry {@code name} or, when {@code replacement} is given, replacing its bytes. */
    private static void rewriteZip(Path source, Path target, String name, byte[] replacement) throws IOException {
        try (ZipFile zip = new ZipFile(source.toFile());
                OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (Iterator<? extends ZipEntry> it = zip.entries().asIterator(); it.hasNext(); ) {
                ZipEntry entry = it.next();
                if (entry.getName().equals(name) && replacement == null) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(name)) {
                    out.write(replacement);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }
}
