package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stream.retry.Backoff;
import dev.vigil.stream.web.HealthStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ingest's readiness: every camera streaming. */
class IngestApplicationTest {

    static CameraReader reader(String name) {
        return new CameraReader(
                CameraSpec.parse(name + "=rtsp://127.0.0.1:1/" + name, 5, CameraSpec.ReplayMode.REALTIME, false),
                new JpegEncoder(90, 0, 1 << 20),
                (frame, onDone) -> onDone.accept(null),
                "test",
                Backoff.defaults(),
                0);
    }

    @Test
    void readyOnlyWhileEveryCameraStreamsAndTheDetailNamesTheOthers() {
        CameraReader gate = reader("gate");
        CameraReader lobby = reader("lobby");
        List<CameraReader> readers = List.of(gate, lobby);

        HealthStatus none = IngestApplication.camerasStatus(readers);
        assertThat(none.up()).isFalse();
        assertThat(none.detail()).isEqualTo("not streaming: gate, lobby");

        gate.stats().streaming.set(true);
        HealthStatus one = IngestApplication.camerasStatus(readers);
        assertThat(one.up()).isFalse();
        assertThat(one.detail()).isEqualTo("not streaming: lobby");

        lobby.stats().streaming.set(true);
        HealthStatus both = IngestApplication.camerasStatus(readers);
        assertThat(both.up()).isTrue();
        assertThat(both.detail()).isEqualTo("2 camera(s) streaming");
    }
}
