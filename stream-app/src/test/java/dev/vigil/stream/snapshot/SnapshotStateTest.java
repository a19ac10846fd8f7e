package dev.vigil.stream.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStateTest {

    @TempDir
    Path dir;

    @Test
    void aFreshFolderStartsEmpty() {
        SnapshotState state = SnapshotState.loadOrCreate(dir, "frames", Set.of());
        assertThat(state.images()).isEmpty();
        assertThat(state.covered(0, null, null)).isEmpty();
        assertThat(state.categories()).isEmpty();
        assertThat(dir.resolve(SnapshotState.FILE_NAME)).doesNotExist();
    }

    @Test
    void imagesGetIdsAndFileNamesAndAFrameIsExportedOnce() {
        SnapshotState state = SnapshotState.loadOrCreate(dir, "frames", Set.of());
        SnapshotImage first =
                state.addImage("gate", 7, 1_000, 640, 480, "jpg", 0, 10).orElseThrow();
        assertThat(first.id()).isEqualTo(1);
        assertThat(first.fileName()).isEqualTo("gate/7.jpg");
        assertThat(state.addImage("gate", 7, 1_000, 640, 480, "jpg", 1, 99))
                .as("same camera, sequence and capture time: a duplicate")
                .isEmpty();
        SnapshotImage restarted =
                state.addImage("gate", 7, 5_000, 640, 480, "jpg", 0, 20).orElseThrow();
        assertThat(restarted.id()).isEqualTo(2);
        assertThat(restarted.fileName())
                .as("the camera restarted its sequence: another file")
                .isEqualTo("gate/7_5000.jpg");
        assertThat(state.addImage("lobby", 7, 1_000, 320, 240, "png", 0, 21)
                        .orElseThrow()
                        .fileName())
                .isEqualTo("lobby/7.png");
    }

    @Test
    void offsetsReadCountOnlyForRunsWhoseTimeWindowTheyCovered() {
        SnapshotState state = SnapshotState.loadOrCreate(dir, "frames", Set.of());
        state.markRead(1_000L, 2_000L, 0, 0, 10);
        state.markRead(1_000L, 2_000L, 0, 10, 15);
        state.markRead(1_000L, 2_000L, 0, 20, 30);
        assertThat(state.covered(0, 1_000L, 2_000L))
                .as("touching ranges joined")
                .containsExactly(new long[] {0, 15}, new long[] {20, 30});
        assertThat(state.covered(0, 1_200L, 1_800L))
                .as("a narrower window is covered")
                .hasSize(2);
        assertThat(state.covered(0, 500L, 2_000L))
                .as("a wider window must read the offsets again")
                .isEmpty();
        assertThat(state.covered(0, null, null)).isEmpty();
        assertThat(state.covered(1, 1_000L, 2_000L)).as("another partition").isEmpty();

        state.markRead(null, null, 0, 0, 40);
        assertThat(state.covered(0, 1_000L, 2_000L))
                .as("all times read covers every window")
                .containsExactly(new long[] {0, 40});
    }

    @Test
    void aVersionOneStateKeepsItsImagesAndReadsTheTopicAgain() throws Exception {
        Files.writeString(
                dir.resolve(SnapshotState.FILE_NAME),
                "{\"version\": 1, \"frames_topic\": \"frames\", \"cameras\": [], \"next_offsets\": {\"0\": 5}, "
                        + "\"images\": [{\"id\": 1, \"file_name\": \"gate/1.jpg\", \"width\": 4, \"height\": 3, "
                        + "\"camera_id\": \"gate\", \"frame_sequence\": 1, \"capture_time_millis\": 100, "
                        + "\"partition\": 0, \"offset\": 4}], \"categories\": {}}");
        SnapshotState state = SnapshotState.loadOrCreate(dir, "frames", Set.of());
        assertThat(state.images()).hasSize(1);
        assertThat(state.covered(0, null, null)).isEmpty();
        assertThat(state.addImage("gate", 1, 100, 4, 3, "jpg", 0, 4))
                .as("still known")
                .isEmpty();
    }

    @Test
    void categoryIdsAreOneBasedAndStable() {
        SnapshotState state = SnapshotState.loadOrCreate(dir, "frames", Set.of());
        assertThat(state.categoryId("person")).isEqualTo(1);
        assertThat(state.categoryId("car")).isEqualTo(2);
        assertThat(state.categoryId("person")).isEqualTo(1);
    }

    @Test
    void aSavedStateResumesWithEverythingItHeld() {
        SnapshotState state = SnapshotState.loadOrCreate(dir, "frames", Set.of("gate", "lobby"));
        state.addImage("gate", 1, 100, 640, 480, "jpg", 2, 5);
        state.markRead(null, null, 2, 0, 6);
        state.categoryId("car");
        state.save(dir);
        assertThat(dir.resolve(SnapshotState.FILE_NAME)).exists();
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing left aside").hasSize(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        SnapshotState resumed = SnapshotState.loadOrCreate(dir, "frames", Set.of("lobby", "gate"));
        assertThat(resumed.images()).isEqualTo(state.images());
        assertThat(resumed.covered(2, null, null)).containsExactly(new long[] {0, 6});
        assertThat(resumed.categoryId("car")).isEqualTo(1);
        assertThat(resumed.categoryId("person")).isEqualTo(2);
        assertThat(resumed.addImage("gate", 1, 100, 640, 480, "jpg", 2, 5))
                .as("known from the file")
                .isEmpty();
        assertThat(resumed.addImage("gate", 2, 200, 640, 480, "jpg", 2, 6)
                        .orElseThrow()
                        .id())
                .isEqualTo(2);
    }

    @Test
    void aFolderOfAnotherTopicOrOtherCamerasIsRefusedNamingBoth() {
        SnapshotState state = SnapshotState.loadOrCreate(dir, "frames", Set.of("gate"));
        state.save(dir);
        assertThatThrownBy(() -> SnapshotState.loadOrCreate(dir, "other-frames", Set.of("gate")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'frames'")
                .hasMessageContaining("'other-frames'");
        assertThatThrownBy(() -> SnapshotState.loadOrCreate(dir, "frames", Set.of()))
                .hasMessageContaining("cameras gate")
                .hasMessageContaining("(all)");
    }

    @Test
    void aStateOfAnotherVersionIsRefused() throws Exception {
        Files.writeString(
                dir.resolve(SnapshotState.FILE_NAME),
                "{\"version\": 99, \"frames_topic\": \"frames\", \"cameras\": [], \"next_offsets\": {}, "
                        + "\"images\": [], \"categories\": {}}");
        assertThatThrownBy(() -> SnapshotState.loadOrCreate(dir, "frames", Set.of()))
                .hasMessageContaining("version 99");
    }
}
