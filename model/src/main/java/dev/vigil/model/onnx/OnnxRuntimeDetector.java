package dev.vigil.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.image.RgbImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A torchvision Faster R-CNN exported to ONNX by {@code torch.onnx.export(model, ([image],), ...)} (see
 * {@code scripts/export-onnx.py}), run in ONNX Runtime on the CPU: one 3×H×W image in [0, 1] in, its detections
 * (boxes in the image's pixels, COCO labels, scores) out. The graph holds torchvision's whole test-time pipeline,
 * the resize and normalisation included. Not thread-safe; close it to free the session. No ONNX Runtime type appears
 * in its methods, so that classes calling it load without ONNX Runtime (the container images leave it out).
 */
public final class OnnxRuntimeDetector implements AutoCloseable, EngineComparison.FrameDetector {

    private static final Set<String> OUTPUTS = Set.of("boxes", "labels", "scores");

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final List<String> classNames;
    private final Path profile;

    private OnnxRuntimeDetector(OrtEnvironment environment, OrtSession session, List<String> classNames, Path profile)
            throws OrtException {
        this.environment = environment;
        this.session = session;
        this.profile = profile;
        this.classNames = List.copyOf(classNames);
        if (session.getNumInputs() != 1 || !session.getOutputNames().containsAll(OUTPUTS)) {
            throw new IllegalArgumentException("not a torchvision detector export: inputs " + session.getInputNames()
                    + ", outputs " + session.getOutputNames() + " (want one image in, " + OUTPUTS + " out)");
        }
        this.inputName = session.getInputNames().iterator().next();
    }

    /**
     * Opens the model with ONNX Runtime's full graph optimisation, running its operators one after another on
     * {@code threads} threads each.
     *
     * @param classNames one name per label, background first
     * @throws IOException naming the file when it is missing or ONNX Runtime cannot load it
     */
    public static OnnxRuntimeDetector open(Path model, int threads, List<String> classNames) throws IOException {
        return open(model, threads, classNames, null);
    }

    /**
     * As {@link #open(Path, int, List)}, and with ONNX Runtime's profiler on from the start when {@code profile} is
     * not null: every node's run, as the graph optimiser left it, goes to that file (Chrome trace format) at
     * {@link #endProfiling}.
     */
    public static OnnxRuntimeDetector open(Path model, int threads, List<String> classNames, Path profile)
            throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "no such ONNX model file");
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (SessionOptions options = sessionOptions(threads)) {
            if (profile != null) {
                options.enableProfiling(profilePrefix(profile).toString());
            }
            OrtSession session = environment.createSession(model.toString(), options);
            try {
                return new OnnxRuntimeDetector(environment, session, classNames, profile);
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }

    /** Full graph optimisation, operators one after another on {@code threads} threads each. */
    static SessionOptions sessionOptions(int threads) throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** ONNX Runtime names its profile PREFIX_DATE.json; the prefix is the wanted file's name without .json. */
    private static Path profilePrefix(Path profile) {
        String name = profile.toAbsolutePath().toString();
        return Path.of(name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name);
    }

    /**
     * Stops the profiler started by {@link #open(Path, int, List, Path)} and moves its trace to the file given there.
     *
     * @return that file
     * @throws IllegalStateException when the profiler was not on
     */
    public Path endProfiling() throws IOException {
        if (profile == null) {
            throw new IllegalStateException("ONNX Runtime's profiler is not on for this session");
        }
        try {
            Path written = Path.of(session.endProfiling());
            return Files.move(written, profile.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime could not write its profile: " + e.getMessage(), e);
        }
    }

    /** ONNX Runtime's version. */
    public static String runtimeVersion() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    /**
     * The detections of one image, best first, boxes in its pixels.
     *
     * @throws IOException naming the image when ONNX Runtime fails on it
     */
    @Override
    public List<DetectedObject> detect(RgbImage image) throws IOException {
        long[] shape = {RgbImage.CHANNELS, image.size().height(), image.size().width()};
        try (OnnxTensor input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(image.chw()), shape);
                OrtSession.Result result = session.run(Map.of(inputName, input))) {
            FloatBuffer boxes = tensor(result, "boxes").getFloatBuffer();
            LongBuffer labels = tensor(result, "labels").getLongBuffer();
            FloatBuffer scores = tensor(result, "scores").getFloatBuffer();
            int count = scores.remaining();
            if (labels.remaining() != count || boxes.remaining() != 4 * count) {
                throw new IllegalStateException("ONNX outputs disagree: " + count + " scores, " + labels.remaining()
                        + " labels, " + boxes.remaining() + " box coordinates");
            }
            List<DetectedObject> detections = new ArrayList<>(count);
            for (int d = 0; d < count; d++) {
                int label = Math.toIntExact(labels.get(d));
                if (label <= 0 || label >= classNames.size()) {
                    throw new IllegalStateException(
                            "ONNX label " + label + " outside the " + classNames.size() + " classes");
                }
                detections.add(new DetectedObject(
                        label,
                        classNames.get(label),
                        scores.get(d),
                        boxes.get(4 * d),
                        boxes.get(4 * d + 1),
                        boxes.get(4 * d + 2),
                        boxes.get(4 * d + 3)));
            }
            return detections;
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime failed on " + image.name() + ": " + e.getMessage(), e);
        }
    }

    private static OnnxTensor tensor(OrtSession.Result result, String name) {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException("no ONNX output " + name));
        return (OnnxTensor) value;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }
}
