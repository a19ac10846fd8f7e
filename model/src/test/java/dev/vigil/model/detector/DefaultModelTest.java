package dev.vigil.model.detector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.box.BoxIou;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.teacher.SsdTeacher;
import dev.vigil.model.testing.SampleFootage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * The shipped default model ({@code models/vigil-default}, what {@code vigil demo} runs) finds on held-out frames
 * of the sample footage (600–794, never trained on) the people its teacher finds there.
 */
class DefaultModelTest {

    static final Path DEFAULT_MODEL = SampleFootage.REPO.resolve("models/vigil-default");
    static final float SCORE = 0.5f;
    static final int[] HELD_OUT_FRAMES = {620, 660, 700, 740, 780};

    @Test
    void findsMostOfTheTeachersPeopleOnHeldOutFrames() throws Exception {
        SampleFootage.assumePresent();
        Map<Integer, Mat> frames = SampleFootage.frames(HELD_OUT_FRAMES);
        int teacherPeople = 0;
        int found = 0;
        try (Detector detector = Detector.load(DEFAULT_MODEL);
                SsdTeacher teacher = SsdTeacher.open(SampleFootage.TEACHER_MODEL)) {
            assertThat(detector.classNames()).contains("person");
            for (Map.Entry<Integer, Mat> frame : frames.entrySet()) {
                float[] teacherBoxes = boxes(teacher.detect(frame.getValue()).stream()
                        .filter(d -> d.label().equals("person") && d.score() >= SCORE)
                        .map(d -> new float[] {d.x1(), d.y1(), d.x2(), d.y2()})
                        .toList());
                List<DetectedObject> detections = detector.detect(List.of(rgb(frame.getKey(), frame.getValue())))
                        .get(0);
                float[] modelBoxes = boxes(detections.stream()
                        .filter(d -> d.label().equals("person") && d.score() >= SCORE)
                        .map(d -> new float[] {d.x1(), d.y1(), d.x2(), d.y2()})
                        .toList());
                int t = teacherBoxes.length / 4;
                teacherPeople += t;
                if (t == 0 || modelBoxes.length == 0) {
                    continue;
                }
                float[] iou = BoxIou.matrix(teacherBoxes, modelBoxes);
                int m = modelBoxes.length / 4;
                for (int i = 0; i < t; i++) {
                    float best = 0;
                    for (int j = 0; j < m; j++) {
                        best = Math.max(best, iou[i * m + j]);
                    }
                    found += best >= 0.5f ? 1 : 0;
                }
                frame.getValue().close();
            }
        }
        assertThat(teacherPeople).as("the teacher sees people on these frames").isGreaterThan(5);
        assertThat((double) found / teacherPeople)
                .as("share of the teacher's people found")
                .isGreaterThanOrEqualTo(0.6);
    }

    private static float[] boxes(List<float[]> list) {
        float[] all = new float[list.size() * 4];
        for (int i = 0; i < list.size(); i++) {
            System.arraycopy(list.get(i), 0, all, i * 4, 4);
        }
        return all;
    }

    private static RgbImage rgb(int number, Mat bgr) {
        try (BytePointer png = new BytePointer()) {
            opencv_imgcodecs.imencode(".png", bgr, png);
            byte[] bytes = new byte[(int) png.limit()];
            png.get(bytes);
            return new ImageDecoder().decode("vtest frame " + number, bytes);
        }
    }
}
