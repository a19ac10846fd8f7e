package dev.vigil.stream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CameraSpecTest {

    static CameraSpec parse(String entry) {
        return CameraSpec.parse(entry, 0, CameraSpec.ReplayMode.FAST, false);
    }

    @Test
    void cameraNamesThatCouldBeAPathAreRefused() {
        for (String name : List.of("..", ".", ".hidden", "a..b", "../x", "a/b", "/abs")) {
            assertThatThrownBy(() -> parse(name + "=clip.mp4"))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Camera name '" + name + "'")
                    .hasMessageContaining("without '..'");
        }
        assertThat(parse("gate.north_2-b=clip.mp4").name()).isEqualTo("gate.north_2-b");
    }
}
