package dev.vigil.stream.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.DetectionStatus;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.Timings;
import dev.vigil.stream.testing.TestFrames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotatedOutputTest {

    @TempDir
    Path tmp;

    @Test
    void aCameraIdThatIsAPathNamesAPictureInsideTheOutputFolder() throws Exception {
        String camera = "../../escaped";
        Instant t0 = Instant.parse("2026-11-24T12:00:00Z");
        Frame frame = TestFrames.frame(camera, 5, t0);
        DetectionEvent event = DetectionEvent.newBuilder()
                .setEventId("e")
                .setCameraId(camera)
                .setFrameSequence(5)
                .setFrameTime(t0)
                .setDetectionTime(t0)
                .setImageWidth(frame.getWidth())
                .setImageHeight(frame.getHeight())
                .setModelName("m")
                .setModelVersion("1")
                .setStatus(DetectionStatus.OK)
                .setTimings(new Timings(0.0, 0.0, 1))
                .setDetections(List.of())
                .build();
        Path dir = tmp.resolve("out/demo");
        try (AnnotatedOutput output = new AnnotatedOutput(dir, 1, 0, 25)) {
            output.write(frame, event, 0.5f);
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(tmp)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getParent()).isEqualTo(dir.resolve("frames"));
    }
}
