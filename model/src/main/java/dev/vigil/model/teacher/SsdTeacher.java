package dev.vigil.model.teacher;

import dev.vigil.model.detector.DetectedObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * The teacher detector: SSD MobileNetV2 trained on Open Images v4 (MediaPipe's fp16 TFLite model, fetched by
 * {@value #FETCH_SCRIPT}) run by TensorFlow Lite. An image is stretched to the 300×300 input, scaled to [-1, 1];
 * the model gives A×4 box codes and A×L class logits (A = 1917 anchors, L = 24 labels), which
 * {@link SsdPostprocessor} turns into pseudo-labels in the image's pixels.
 *
 * <p>Not thread-safe: one interpreter with its input and output buffers; use one teacher per thread. Holds native
 * memory until {@link #close() closed}.
 */
public final class SsdTeacher implements Teacher {

    /** The teacher's name as a label source. */
    public static final String NAME = "ssd-mobilenetv2-oidv4";
    /** Where {@value #FETCH_SCRIPT} puts the model, relative to the repository root. */
    public static final Path DEFAULT_MODEL = Path.of("models", "teacher", "ssd_mobilenetv2_oidv4_fp16.tflite");
    /** The script that fetches the model. */
    public static final String FETCH_SCRIPT = "scripts/fetch-teacher-model.sh";
    /** Side of the square input, in pixels. */
    public static final int INPUT_SIZE = 300;
    /** The model's labels in output order; "???" is the background slot. */
    public static final List<String> OIDV4_LABELS = List.of(
            "???",
            "Bicycle",
            "Boot",
            "Laptop",
            "Person",
            "Chair",
            "Cattle",
            "Desk",
            "Cat",
            "Computer mouse",
            "Computer monitor",
            "Box",
            "Mug",
            "Coffee cup",
            "Stationary bicycle",
            "Table",
            "Bottle",
            "High heels",
            "Vehicle",
            "Footwear",
            "Dog",
            "Book",
            "Camera",
            "Car");
    /** 8-bit values v become {@code v / 127.5 - 1}, in [-1, 1]. */
    private static final float PIXEL_SCALE = 2f / 255f;

    private static final int CHANNELS = 3;

    private final Path modelFile;
    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final Interpreter interpreter;
    private final SsdPostprocessor postprocessor;
    private final SquareRgbInput input = new SquareRgbInput(INPUT_SIZE, PIXEL_SCALE, -1f);
    private final float[] codes;
    private final float[] logits;
    private final int codesOutput;
    private final int logitsOutput;

    private SsdTeacher(
            Path modelFile,
            FlatBufferModel model,
            BuiltinOpResolver resolver,
            Interpreter interpreter,
            SsdPostprocessor postprocessor,
            int anchorCount) {
        this.modelFile = modelFile;
        this.model = model;
        this.resolver = resolver;
        this.interpreter = interpreter;
        this.postprocessor = postprocessor;
        this.codes = new float[anchorCount * SsdBoxDecoder.CODE_VALUES];
        this.logits = new float[anchorCount * OIDV4_LABELS.size()];
        boolean codesFirst = lastDimension(interpreter.output_tensor(0)) == SsdBoxDecoder.CODE_VALUES;
        this.codesOutput = codesFirst ? 0 : 1;
        this.logitsOutput = codesFirst ? 1 : 0;
    }

    /** The model in {@code modelFile} with the default settings and label map. */
    public static SsdTeacher open(Path modelFile) throws IOException {
        return open(modelFile, TeacherSettings.defaults(), TeacherLabelMap.defaults());
    }

    /**
     * Loads the model and checks that its input and outputs have the shapes this class expects.
     *
     * @throws NoSuchFileException naming the model file and the script that fetches it, when it is missing
     * @throws IOException naming the model file when it is not a TFLite model of the expected shapes
     * @throws IllegalArgumentException when the label map names a label the model does not have
     */
    public static SsdTeacher open(Path modelFile, TeacherSettings settings, TeacherLabelMap labelMap)
            throws IOException {
        if (!Files.isRegularFile(modelFile)) {
            throw new NoSuchFileException(
                    modelFile.toAbsolutePath().toString(),
                    null,
                    "teacher model not found; fetch it with " + FETCH_SCRIPT);
        }
        SsdAnchors anchors = SsdAnchors.generate(SsdAnchorConfig.mobileNetV2());
        SsdPostprocessor postprocessor =
                new SsdPostprocessor(anchors, SsdBoxDecoder.defaults(), OIDV4_LABELS, labelMap, settings);
        FlatBufferModel model = FlatBufferModel.VerifyAndBuildFromFile(modelFile.toString());
        if (model == null || model.isNull()) {
            throw new IOException("teacher model " + modelFile + " is not a valid TFLite model (re-fetch it with "
                    + FETCH_SCRIPT + ")");
        }
        BuiltinOpResolver resolver = new BuiltinOpResolver();
        Interpreter interpreter = new Interpreter((Pointer) null);
        try (InterpreterBuilder builder = new InterpreterBuilder(model, resolver)) {
            builder.SetNumThreads(settings.threads());
            if (builder.apply(interpreter) != tensorflowlite.kTfLiteOk
                    || interpreter.isNull()
                    || interpreter.AllocateTensors() != tensorflowlite.kTfLiteOk) {
                throw new IOException("teacher model " + modelFile + ": TensorFlow Lite cannot build an interpreter");
            }
            checkShapes(modelFile, interpreter, anchors.count());
        } catch (IOException | RuntimeException e) {
            interpreter.close();
            resolver.close();
            model.close();
            throw e;
        }
        return new SsdTeacher(modelFile, model, resolver, interpreter, postprocessor, anchors.count());
    }

    /** {@value #NAME}. */
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
        interpreter.typed_input_tensor_float(0).put(input.of(image));
        if (interpreter.Invoke() != tensorflowlite.kTfLiteOk) {
            throw new IllegalStateException("teacher model " + modelFile + ": inference failed");
        }
        interpreter.typed_output_tensor_float(codesOutput).get(codes);
        interpreter.typed_output_tensor_float(logitsOutput).get(logits);
        return postprocessor.detections(codes, logits, image.rows(), image.cols());
    }

    private static void checkShapes(Path modelFile, Interpreter interpreter, int anchorCount) throws IOException {
        long inputs = interpreter.inputs().limit();
        long outputs = interpreter.outputs().limit();
        if (inputs != 1 || outputs != 2) {
            throw new IOException("teacher model " + modelFile + " must have 1 input and 2 outputs (box codes, class "
                    + "logits), has " + inputs + " and " + outputs);
        }
        expectShape(modelFile, "input", interpreter.input_tensor(0), 1, INPUT_SIZE, INPUT_SIZE, CHANNELS);
        TfLiteTensor first = interpreter.output_tensor(0);
        TfLiteTensor second = interpreter.output_tensor(1);
        boolean codesFirst = lastDimension(first) == SsdBoxDecoder.CODE_VALUES;
        expectShape(
                modelFile, "box codes output", codesFirst ? first : second, 1, anchorCount, SsdBoxDecoder.CODE_VALUES);
        expectShape(modelFile, "class logits output", codesFirst ? second : first, 1, anchorCount, OIDV4_LABELS.size());
    }

    private static void expectShape(Path modelFile, String what, TfLiteTensor tensor, int... expected)
            throws IOException {
        int[] shape = shape(tensor);
        if (tensor.type() != tensorflowlite.kTfLiteFloat32 || !Arrays.equals(shape, expected)) {
            throw new IOException("teacher model " + modelFile + ": " + what + " must be float32 "
                    + Arrays.toString(expected) + ", got "
                    + tensorflowlite.TfLiteTypeGetName(tensor.type()).getString()
                    + " " + Arrays.toString(shape));
        }
    }

    private static int[] shape(TfLiteTensor tensor) {
        TfLiteIntArray dims = tensor.dims();
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.data(i);
        }
        return shape;
    }

    private static int lastDimension(TfLiteTensor tensor) {
        int[] shape = shape(tensor);
        return shape.length == 0 ? -1 : shape[shape.length - 1];
    }

    @Override
    public void close() {
        interpreter.close();
        resolver.close();
        model.close();
        input.close();
    }
}
