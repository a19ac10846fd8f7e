package dev.vigil.stream.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.live.LiveRecords.Annotated;
import dev.vigil.stream.live.LiveRecords.Box;
import dev.vigil.stream.live.LiveRecords.EventRow;
import dev.vigil.stream.live.LiveRecords.StoredFrame;
import dev.vigil.stream.live.LiveRecords.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveCameraTest {

    private static final long T0 = 1_800_000_000_000L;

    private final LiveCamera camera = new LiveCamera("gate", new SceneConfig(Map.of()));

    private static StoredFrame frame(long sequence) {
        return new StoredFrame("run-1", sequence, T0 + sequence * 200, 640, 480, new byte[] {(byte) sequence});
    }

    private static EventRow event(long sequence, String status, long latencyMillis, Box... boxes) {
        long frameTime = T0 + sequence * 200;
        return new EventRow("run-1", sequence, frameTime, frameTime + latencyMillis, status, "m 1", List.of(boxes));
    }

    private static Box person(Long track, float score) {
        return new Box("person", score, 10, 20, 110, 220, track);
    }

    @Test
    void anEventIsDrawnOnItsOwnFrameWhicheverArrivesFirst() {
        assertThat(camera.onFrame(frame(0), T0)).isEmpty();
        Optional<Annotated> drawn = camera.onEvent(event(0, "OK", 300, person(null, 0.9f)), "m", "1", T0 + 300);
        assertThat(drawn).isPresent();
        assertThat(drawn.get().sequence()).isZero();
        assertThat(drawn.get().frameUrl()).isEqualTo("/api/cameras/gate/frames/0?run=run-1");
        assertThat(drawn.get().boxes()).containsExactly(person(null, 0.9f));

        assertThat(camera.onEvent(event(1, "OK", 400), "m", "1", T0 + 500))
                .as("frame 1 not here yet")
                .isEmpty();
        Optional<Annotated> late = camera.onFrame(frame(1), T0 + 600);
        assertThat(late).isPresent();
        assertThat(late.get().sequence()).isEqualTo(1);
        assertThat(camera.frame("run-1", 1)).isPresent();
        assertThat(camera.frame("run-2", 1)).as("another run's frame 1").isEmpty();
    }

    @Test
    void anOlderFrameAnsweredLateDoesNotReplaceTheNewerOne() {
        camera.onFrame(frame(0), T0);
        camera.onFrame(frame(1), T0);
        camera.onEvent(event(1, "OK", 100), "m", "1", T0);
        assertThat(camera.onEvent(event(0, "OK", 100), "m", "1", T0)).isEmpty();
        assertThat(camera.latest().orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void figuresComeFromTheFramesAndEventsSeen() {
        for (int i = 0; i < 10; i++) {
            camera.onFrame(frame(i), T0 + i * 200);
        }
        for (int i = 0; i < 6; i++) {
            String status = i % 3 == 2 ? "SKIPPED_STALE" : "OK";
            camera.onEvent(event(i, status, 100L * (i + 1), person(null, 0.8f)), "vigil-default", "2026-11-24", T0);
        }
        Summary s = camera.summary(T0 + 2_000);
        assertThat(s.fpsIn()).isEqualTo(1.0); // 10 frames in the 10-second window
        assertThat(s.fpsOut()).isEqualTo(0.6);
        assertThat(s.staleSkipped()).isEqualTo(2);
        // OK latencies 100, 200, 400, 500 ms: nearest-rank median 200, p99 500
        assertThat(s.latencyP50Millis()).isEqualTo(200);
        assertThat(s.latencyP99Millis()).isEqualTo(500);
        assertThat(s.framesBehind())
                .as("frames 5..9 after the last drawn, frame 4")
                .isEqualTo(5);
        assertThat(s.modelName()).isEqualTo("vigil-default");
        assertThat(s.modelVersion()).isEqualTo("2026-11-24");
        assertThat(camera.events()).hasSize(6);
        assertThat(camera.events().get(0).sequence()).as("newest first").isEqualTo(5);
        assertThat(camera.summary(T0 + 60_000).fpsIn())
                .as("nothing in the last 10 s")
                .isZero();
    }

    @Test
    void memoryIsBoundedPerCamera() {
        for (int i = 0; i < 500; i++) {
            camera.onFrame(frame(i), T0);
            camera.onEvent(event(i, "OK", 10, person((long) i, 0.5f)), "m", "1", T0);
        }
        assertThat(camera.frame("run-1", 500 - LiveCamera.FRAMES_KEPT - 1)).isEmpty();
        assertThat(camera.frame("run-1", 499)).isPresent();
        assertThat(camera.events()).hasSize(LiveCamera.EVENTS_KEPT);
        assertThat(camera.objects()).hasSize(LiveCamera.OBJECTS_KEPT);
        assertThat(camera.objects().get(0).trackId())
                .as("most recently seen first")
                .isEqualTo(499);
        assertThat(camera.objectSnapshot(0)).as("forgotten with its object").isEmpty();
    }

    @Test
    void trackedObjectsKeepTheirBestView() {
        camera.onFrame(frame(0), T0);
        camera.onEvent(event(0, "OK", 10, person(7L, 0.6f)), "m", "1", T0);
        camera.onFrame(frame(1), T0);
        camera.onEvent(event(1, "OK", 10, person(7L, 0.9f)), "m", "1", T0);
        camera.onFrame(frame(2), T0);
        camera.onEvent(event(2, "OK", 10, person(7L, 0.7f)), "m", "1", T0);
        var object = camera.objects().get(0);
        assertThat(object.trackId()).isEqualTo(7);
        assertThat(object.bestScore()).isEqualTo(0.9f);
        assertThat(object.firstSeenMillis()).isEqualTo(T0);
        assertThat(object.lastSeenMillis()).isEqualTo(T0 + 400);
        assertThat(camera.objectSnapshot(7).orElseThrow().sequence()).isEqualTo(1);
    }

    @Test
    void zonesAndLinesAreGivenInTheFramesPixels(@TempDir Path tmp) throws Exception {
        Path zones = tmp.resolve("zones.yaml");
        Files.writeString(zones, """
                cameras:
                  gate:
                    units: fraction
                    zones:
                      - name: door
                        polygon: [[0.5, 0.5], [1, 0.5], [1, 1]]
                    lines:
                      - name: street
                        from: [0, 0.25]
                        to: [1, 0.25]
                """);
        LiveCamera withScene = new LiveCamera("gate", SceneConfig.read(zones));
        withScene.onFrame(frame(0), T0);
        withScene.onEvent(event(0, "OK", 10), "m", "1", T0);
        var scene = withScene.summary(T0).scene();
        assertThat(scene).hasSize(2);
        assertThat(scene.get(0).name()).isEqualTo("door");
        assertThat(scene.get(0).points())
                .containsExactly(new double[] {320, 240}, new double[] {640, 240}, new double[] {640, 480});
        assertThat(scene.get(1).kind()).isEqualTo("line");
        assertThat(scene.get(1).points()).containsExactly(new double[] {0, 120}, new double[] {640, 120});
    }
}
