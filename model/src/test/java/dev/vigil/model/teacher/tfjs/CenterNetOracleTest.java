package dev.vigil.model.teacher.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.teacher.CenterNetPostprocessor;
import dev.vigil.model.teacher.CenterNetTeacher;
import dev.vigil.model.teacher.TeacherLabelMap;
import dev.vigil.model.teacher.TeacherSettings;
import dev.vigil.model.testing.SampleFootage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CenterNet teacher in Java against TF.js running the same model file (the wasm oracle) on real vtest.avi
 * frames: the same 512×512 input to both, then the backbone's first activation, the class heat map, the graph's 100
 * detections and the teacher's pseudo-labels compared.
 */
class CenterNetOracleTest {

    private static final int[] FRAMES = {0, 250, 650, 720};
    private static final String FIRST_ACTIVATION = "tower_0/MobilenetV3/Conv/hard_swish/mul_1";
    private static final String HEAT_MAP = "tower_0/keypoints";
    private static final List<String> OUTPUTS = List.of(CenterNetTeacher.OUTPUT, HEAT_MAP, FIRST_ACTIVATION);
    /** Box corners in input pixels (0–512); measured differences are below 1e-4. */
    private static final float BOX_TOLERANCE = 0.01f;
    /** Scores and heat-map values (0–1); measured differences are about 1e-6. */
    private static final float SCORE_TOLERANCE = 1e-4f;

    @TempDir
    static Path tmp;

    private static final Path MODEL = SampleFootage.REPO.resolve(CenterNetTeacher.DEFAULT_MODEL);
    private static Map<Integer, Mat> frames;
    private static List<Map<String, TfjsOracle.Output>> oracle;
    private static List<Map<String, float[]>> javaOutputs;
    private static List<List<DetectedObject>> teacherLabels;

    @BeforeAll
    static void runBoth() throws Exception {
        SampleFootage.assumePresent();
        frames = SampleFootage.frames(FRAMES);
        List<float[]> inputs = new ArrayList<>();
        teacherLabels = new ArrayList<>();
        try (CenterNetTeacher teacher = CenterNetTeacher.open(MODEL, settings(), labelMap())) {
            for (int frame : FRAMES) {
                inputs.add(teacher.inputOf(frames.get(frame)).clone());
                teacherLabels.add(teacher.detect(frames.get(frame)));
            }
        }
        oracle = TfjsOracle.run(MODEL, inputs, OUTPUTS, tmp);
        javaOutputs = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                GraphExecutor executor = GraphExecutor.load(GraphModel.read(MODEL), manager)) {
            for (float[] input : inputs) {
                try (NDManager frame = manager.newSubManager()) {
                    NDArray x = frame.create(input, new Shape(1, 512, 512, 3));
                    Map<String, NDArray> out = executor.run(Map.of(CenterNetTeacher.INPUT, x), OUTPUTS, frame);
                    Map<String, float[]> values = new HashMap<>();
                    out.forEach((name, array) -> values.put(name, array.toFloatArray()));
                    javaOutputs.add(values);
                }
            }
        }
    }

    @AfterAll
    static void close() {
        if (frames != null) {
            frames.values().forEach(Mat::close);
        }
    }

    private static TeacherSettings settings() {
        return TeacherSettings.defaults().withScoreThreshold(0.3f);
    }

    private static TeacherLabelMap labelMap() {
        return TeacherLabelMap.parse(CenterNetTeacher.DEFAULT_LABEL_MAP);
    }

    @Test
    void intermediateTensorsMatch() {
        for (int f = 0; f < FRAMES.length; f++) {
            float[] activation = javaOutputs.get(f).get(FIRST_ACTIVATION);
            float[] expected = oracle.get(f).get(FIRST_ACTIVATION).values();
            assertThat(activation).hasSameSizeAs(expected);
            // hard-swish of a conv over 0–255 pixels: values up to a few hundred
            assertThat(maxDifference(activation, expected))
                    .as("frame %d first activation", FRAMES[f])
                    .isLessThan(1e-3);
            float[] heat = javaOutputs.get(f).get(HEAT_MAP);
            assertThat(maxDifference(heat, oracle.get(f).get(HEAT_MAP).values()))
                    .as("frame %d heat map", FRAMES[f])
                    .isLessThan(SCORE_TOLERANCE);
        }
    }

    @Test
    void graphDetectionsMatchRowByRow() {
        int compared = 0;
        for (int f = 0; f < FRAMES.length; f++) {
            float[] actual = javaOutputs.get(f).get(CenterNetTeacher.OUTPUT);
            float[] expected = oracle.get(f).get(CenterNetTeacher.OUTPUT).values();
            assertThat(actual).hasSize(100 * CenterNetPostprocessor.ROW).hasSameSizeAs(expected);
            for (int r = 0; r < 100; r++) {
                int o = r * CenterNetPostprocessor.ROW;
                if (expected[o + 4] < 0.05f) {
                    continue; // below every threshold in use, near-equal scores may swap places
                }
                compared++;
                for (int v = 0; v < CenterNetPostprocessor.ROW; v++) {
                    float tolerance = v < 4 ? BOX_TOLERANCE : v == 4 ? SCORE_TOLERANCE : 0;
                    assertThat(actual[o + v])
                            .as("frame %d row %d value %d", FRAMES[f], r, v)
                            .isCloseTo(expected[o + v], offset(tolerance));
                }
            }
        }
        assertThat(compared).as("rows scoring at least 0.05").isGreaterThan(40);
    }

    @Test
    void pseudoLabelsEqualThoseOfTfjsOutputs() {
        CenterNetPostprocessor postprocessor =
                new CenterNetPostprocessor(CenterNetTeacher.COCO_LABELS, labelMap(), settings(), 512);
        int persons = 0;
        for (int f = 0; f < FRAMES.length; f++) {
            Mat frame = frames.get(FRAMES[f]);
            List<DetectedObject> expected = postprocessor.detections(
                    oracle.get(f).get(CenterNetTeacher.OUTPUT).values(), frame.rows(), frame.cols());
            List<DetectedObject> actual = teacherLabels.get(f);
            assertThat(actual).as("frame %d pseudo-labels", FRAMES[f]).hasSameSizeAs(expected);
            for (int i = 0; i < actual.size(); i++) {
                DetectedObject a = actual.get(i);
                DetectedObject e = expected.get(i);
                assertThat(a.label()).isEqualTo(e.label());
                assertThat(a.score()).isCloseTo(e.score(), offset(SCORE_TOLERANCE));
                // input pixels × 1.5 (768 / 512) in x, × 1.125 in y
                assertThat(new float[] {a.x1(), a.y1(), a.x2(), a.y2()})
                        .containsExactly(new float[] {e.x1(), e.y1(), e.x2(), e.y2()}, offset(2 * BOX_TOLERANCE));
            }
            persons += (int)
                    actual.stream().filter(d -> d.label().equals("person")).count();
        }
        assertThat(persons)
                .as("persons at score >= 0.3 on %d frames", FRAMES.length)
                .isGreaterThanOrEqualTo(12);
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
