package dev.vigil.model.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.testing.SampleFootage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real teacher on real frames of vtest.avi (3–8 people on a campus path, a parked van and car). */
class SsdTeacherTest {

    private static final int[] FRAMES = {0, 100, 200, 300, 400, 500, 600, 700};
    private static final float THRESHOLD = 0.4f;
    private static Map<Integer, Mat> frames;
    private static SsdTeacher teacher;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() throws Exception {
        SampleFootage.assumePresent();
        frames = SampleFootage.frames(FRAMES);
        teacher = SsdTeacher.open(
                SampleFootage.TEACHER_MODEL,
                TeacherSettings.defaults().withScoreThreshold(THRESHOLD),
                TeacherLabelMap.defaults());
    }

    @AfterAll
    static void close() {
        if (teacher != null) {
            teacher.close();
        }
        if (frames != null) {
            frames.values().forEach(Mat::close);
        }
    }

    @Test
    void findsSeveralPeopleOnMostFrames() {
        int framesWithTwoOrMore = 0;
        List<DetectedObject> people = new ArrayList<>();
        for (Mat frame : frames.values()) {
            List<DetectedObject> persons = teacher.detect(frame).stream()
                    .filter(d -> d.label().equals("person"))
                    .toList();
            people.addAll(persons);
            if (persons.size() >= 2) {
                framesWithTwoOrMore++;
            }
        }
        assertThat(framesWithTwoOrMore)
                .as("frames with at least 2 persons at score >= 0.4")
                .isGreaterThanOrEqualTo(6);
        assertThat(people).allSatisfy(p -> assertThat(p.score()).isBetween(THRESHOLD, 1f));
        // walking people are upright and between ~30 and ~150 pixels tall from this camera
        long upright = people.stream()
                .filter(p -> p.y2() - p.y1() > 1.3f * (p.x2() - p.x1()))
                .count();
        assertThat(upright).isGreaterThanOrEqualTo(people.size() * 9 / 10);
        assertThat(people).allSatisfy(p -> assertThat(p.y2() - p.y1()).isBetween(20f, 200f));
    }

    @Test
    void boxesLieInsideTheImageWithScoresByDecreasingOrder() {
        for (Mat frame : frames.values()) {
            List<DetectedObject> detections = teacher.detect(frame);
            assertThat(detections).allSatisfy(d -> {
                assertThat(d.x1()).isBetween(0f, d.x2() - 1f);
                assertThat(d.y1()).isBetween(0f, d.y2() - 1f);
                assertThat(d.x2()).isLessThanOrEqualTo(SampleFootage.WIDTH);
                assertThat(d.y2()).isLessThanOrEqualTo(SampleFootage.HEIGHT);
                assertThat(d.label()).isEqualTo(teacher.classNames().get(d.classId() - 1));
            });
            assertThat(detections).extracting(DetectedObject::score).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        }
    }

    @Test
    void seesTheParkedVanAsACarInTheTopRightCorner() {
        List<DetectedObject> cars = teacher.detect(frames.get(700)).stream()
                .filter(d -> d.label().equals("car"))
                .toList();
        assertThat(cars).anySatisfy(car -> {
            assertThat(car.x1()).isGreaterThan(600f);
            assertThat(car.y2()).isLessThan(150f);
        });
    }

    @Test
    void givesTheSameAnswerForAFrameWhateverRanBefore() {
        List<DetectedObject> first = teacher.detect(frames.get(300));
        teacher.detect(frames.get(600));
        assertThat(teacher.detect(frames.get(300))).isEqualTo(first);
    }

    @Test
    void acceptsGreyImages() {
        try (Mat grey = new Mat()) {
            cvtColor(frames.get(700), grey, COLOR_BGR2GRAY);
            assertThat(teacher.detect(grey))
                    .filteredOn(d -> d.label().equals("person"))
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void refusesImagesItCannotRead() {
        try (Mat empty = new Mat();
                Mat floats = new Mat(10, 10, opencv_core.CV_32FC3)) {
            assertThatThrownBy(() -> teacher.detect(empty))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> teacher.detect(floats))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be 8-bit");
        }
    }

    @Test
    void aMissingModelNamesItsPathAndTheFetchScript() {
        Path missing = tmp.resolve("nowhere/model.tflite");
        assertThatThrownBy(() -> SsdTeacher.open(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("scripts/fetch-teacher-model.sh");
    }

    @Test
    void aCorruptModelIsRefusedWithItsPath() throws IOException {
        Path truncated = tmp.resolve("truncated.tflite");
        Files.write(truncated, Arrays.copyOf(Files.readAllBytes(SampleFootage.TEACHER_MODEL), 400_000));
        assertThatThrownBy(() -> SsdTeacher.open(truncated))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("not a valid TFLite model");
    }
}
