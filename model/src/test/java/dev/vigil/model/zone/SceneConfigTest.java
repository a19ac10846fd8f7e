package dev.vigil.model.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zones file: fractions and pixels, masks and thresholds, and errors that name the entry. */
class SceneConfigTest {

    @TempDir
    Path tmp;

    private Path write(String yaml) throws IOException {
        Path file = tmp.resolve("zones.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void fractionsBecomePixelsOfTheFrame() throws IOException {
        SceneConfig config = SceneConfig.read(write("""
                cameras:
                  gate:
                    units: fraction
                    min_score: {default: 0.3, person: 0.5}
                    min_area: {car: 0.01}
                    masks:
                      - [[0, 0], [1, 0], [1, 0.1], [0, 0.1]]
                    zones:
                      - name: door
                        polygon: [[0.1, 0.5], [0.3, 0.5], [0.3, 1.0], [0.1, 1.0]]
                        classes: [person]
                        loitering_seconds: 2.5
                    lines:
                      - name: street
                        from: [0, 0.7]
                        to: [1, 0.7]
                  yard:
                    zones:
                      - name: bay
                        polygon: [[10, 10], [50, 10], [50, 50]]
                """));
        CameraScene gate = config.resolve("gate", 400, 200);
        Zone door = gate.zones().get(0);
        assertThat(door.polygon().contains(80, 150)).isTrue();
        assertThat(door.polygon().contains(130, 150)).isFalse();
        assertThat(door.inertia()).isEqualTo(SceneConfig.DEFAULT_INERTIA);
        assertThat(door.loiteringMillis()).isEqualTo(2500);
        assertThat(gate.lines().get(0).to()).isEqualTo(new Point(400, 140));
        // masks and thresholds: a person needs 0.5, any other class 0.3; a car 1% of 400×200 = 800 px²
        assertThat(gate.reports("person", 0.45f, 100, 100, 120, 150)).isFalse();
        assertThat(gate.reports("dog", 0.45f, 100, 100, 120, 150)).isTrue();
        assertThat(gate.reports("car", 0.9f, 100, 100, 130, 120)).as("600 px²").isFalse();
        assertThat(gate.reports("car", 0.9f, 100, 100, 140, 130)).as("1200 px²").isTrue();
        assertThat(gate.reports("person", 0.9f, 100, 0, 120, 15))
                .as("standing in the mask")
                .isFalse();
        assertThat(config.resolve("yard", 400, 200).zones().get(0).polygon().contains(40, 20))
                .isTrue();
        assertThat(config.resolve("elsewhere", 400, 200)).isEqualTo(CameraScene.EMPTY);
    }

    @Test
    void mistakesNameTheFileAndTheEntry() throws IOException {
        Path twoPoints = write("""
                cameras:
                  gate:
                    zones:
                      - name: door
                        polygon: [[0, 0], [1, 1]]
                """);
        assertThatThrownBy(() -> SceneConfig.read(twoPoints))
                .hasMessageContaining("zones.yaml")
                .hasMessageContaining("camera gate")
                .hasMessageContaining("zone door needs at least 3 points");
        Path unknownField = write("""
                cameras:
                  gate:
                    zonez: []
                """);
        assertThatThrownBy(() -> SceneConfig.read(unknownField)).hasMessageContaining("zonez");
        Path sameName = write("""
                cameras:
                  gate:
                    zones:
                      - {name: a, polygon: [[0, 0], [5, 0], [5, 5]]}
                    lines:
                      - {name: a, from: [0, 0], to: [5, 5]}
                """);
        assertThatThrownBy(() -> SceneConfig.read(sameName)).hasMessageContaining("the name a is used twice");
        Path badScore = write("cameras:\n  gate:\n    min_score: {person: 1.5}\n");
        assertThatThrownBy(() -> SceneConfig.read(badScore)).hasMessageContaining("min_score of person");
    }
}
