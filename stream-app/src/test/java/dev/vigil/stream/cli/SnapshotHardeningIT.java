package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schemas.Frame;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.FrameProducer;
import dev.vigil.stream.testing.TestFrames;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil snapshot} on a real broker, fed what a hostile or broken producer sends: camera ids that are paths
 * (relative with "..", absolute) never lead a file out of the dataset folder, and images that do not decode (empty,
 * truncated, corrupt) are skipped, counted and reported instead of exported.
 */
class SnapshotHardeningIT {

    static final String FRAMES = "hardening-frames";
    static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void pathLikeCameraIdsStayInsideTheDatasetAndUndecodableImagesAreSkippedAndCounted() throws Exception {
        Path out = tmp.resolve("dataset");
        Path outside = tmp.resolve("outside");
        String relativeEscape =
                "../../../../" + outside.toAbsolutePath().toString().substring(1) + "/pwned";
        String absoluteEscape = outside.toAbsolutePath() + "/abs";
        byte[] jpeg = bytes(TestFrames.frame("cam-ok", 3, T0).getImage());
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral();
                FrameProducer producer =
                        new FrameProducer(infra.bootstrapServers(), infra.schemaRegistryUrl(), FRAMES)) {
            producer.send(TestFrames.frame(relativeEscape, 17, T0));
            producer.send(TestFrames.frame(absoluteEscape, 18, T0));
            producer.send(TestFrames.frame("..", 19, T0));
            producer.send(TestFrames.frame("cam-ok", 1, T0));
            producer.send(withImage("cam-ok", 2, new byte[0]));
            producer.send(withImage("cam-ok", 3, Arrays.copyOf(jpeg, jpeg.length / 2)));
            producer.send(withImage("cam-ok", 4, corrupt(jpeg)));

            CliRun run = CliRun.of(
                    "snapshot",
                    "--bootstrap-servers",
                    infra.bootstrapServers(),
                    "--schema-registry-url",
                    infra.schemaRegistryUrl(),
                    "--frames-topic",
                    FRAMES,
                    "--out",
                    out.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(outside).as("nothing written outside the dataset folder").doesNotExist();
            assertThat(run.err()).contains("4 images added").contains("3 undecodable images skipped");
            List<Path> files;
            try (Stream<Path> all = Files.walk(tmp)) {
                files = all.filter(Files::isRegularFile).toList();
            }
            assertThat(files)
                    .allSatisfy(f -> assertThat(f.toAbsolutePath().normalize())
                            .startsWith(out.toAbsolutePath().normalize()));
            JsonNode coco =
                    new ObjectMapper().readTree(out.resolve("annotations.json").toFile());
            List<JsonNode> images = StreamSupport.stream(coco.get("images").spliterator(), false)
                    .toList();
            assertThat(images)
                    .extracting(i -> i.get("camera_id").asText())
                    .containsExactlyInAnyOrder(relativeEscape, absoluteEscape, "..", "cam-ok");
            assertThat(images).extracting(i -> i.get("frame_sequence").asLong()).doesNotContain(2L, 3L, 4L);
            for (JsonNode image : images) {
                Path file = out.resolve("images").resolve(image.get("file_name").asText());
                assertThat(file).isRegularFile();
                assertThat(file.toAbsolutePath().normalize().getParent().getParent())
                        .as("one folder per camera, directly under images/")
                        .isEqualTo(out.resolve("images").toAbsolutePath().normalize());
            }
        }
    }

    static Frame withImage(String camera, long sequence, byte[] image) {
        return TestFrames.withImage(camera, sequence, T0, ByteBuffer.wrap(image), 160, 120);
    }

    /** The JPEG with its entropy-coded data overwritten: headers intact, pixels garbage. */
    static byte[] corrupt(byte[] jpeg) {
        byte[] bad = jpeg.clone();
        for (int i = bad.length / 3; i < bad.length - 2; i++) {
            bad[i] = (byte) 0xFF;
        }
        return bad;
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
