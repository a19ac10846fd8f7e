package dev.vigil.model.detector;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.vigil.model.detector.StageTimings.Stage;
import dev.vigil.model.engine.Autograd;
import dev.vigil.model.image.DecodedImage;
import dev.vigil.model.roiheads.ImageDetections;
import dev.vigil.model.rpn.ProposalLayer;
import dev.vigil.model.transform.ImageBatch;
import dev.vigil.model.transform.ImageTransform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Faster R-CNN detection on images, the entry point for applications: load a {@link ModelArtifact}, then
 * {@link #detect} batches of images; boxes come back in the pixels of the images as given.
 *
 * <p>Thread-safety: {@link #detect} is {@code synchronized}; concurrent callers wait for each other. For parallel
 * throughput use one Detector per thread (each holds its own copy of the weights). Each call works in its own
 * native-memory scope, released when the call returns, so memory use does not grow with the number of calls.
 * Close the detector to free the weights.
 */
public final class Detector implements AutoCloseable {

    private final NDManager manager;
    private final FasterRcnn model;
    private final ImageTransform transform;
    private final List<String> classNames;
    private StageTimings lastTimings = new StageTimings();

    /**
     * @param manager owns the model's weights; closed with the detector
     * @param classNames one name per class index, background first
     */
    public Detector(NDManager manager, FasterRcnn model, List<String> classNames) {
        if (classNames.size() != model.config().numClasses()) {
            throw new IllegalArgumentException(classNames.size() + " class names for a model with "
                    + model.config().numClasses() + " classes");
        }
        this.manager = manager;
        this.model = model;
        this.transform = new ImageTransform(model.config().transform());
        this.classNames = List.copyOf(classNames);
    }

    /** Loads an artifact directory on the default device. */
    public static Detector load(Path artifactDirectory) throws IOException {
        return load(ModelArtifact.read(artifactDirectory), Device.cpu());
    }

    /** Loads an artifact directory on {@code device}. */
    public static Detector load(Path artifactDirectory, Device device) throws IOException {
        return load(ModelArtifact.read(artifactDirectory), device);
    }

    /** Loads an artifact (possibly with an adjusted configuration) on {@code device}. */
    public static Detector load(ModelArtifact artifact, Device device) throws IOException {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            FasterRcnn model = artifact.loadModel(manager);
            model.prepareForInference();
            return new Detector(manager, model, artifact.classNames());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public ArchitectureConfig config() {
        return model.config();
    }

    public List<String> classNames() {
        return classNames;
    }

    /**
     * Detects objects in a batch of images (of any sizes; they run through the network together).
     *
     * @return per image its detections, best first
     * @throws IllegalArgumentException when the list is empty
     */
    public synchronized List<List<DetectedObject>> detect(List<? extends DecodedImage> images) {
        StageTimings timings = new StageTimings();
        List<ImageDetections> raw = withoutGradient(scope -> {
            timings.start(Stage.PREPROCESS);
            ImageBatch batch = transform.apply(scope, images);
            return model.detect(new ParameterStore(scope, false), batch, timings);
        });
        lastTimings = timings;
        List<List<DetectedObject>> detections = new ArrayList<>(raw.size());
        for (ImageDetections image : raw) {
            detections.add(toDetections(image));
        }
        return detections;
    }

    /**
     * The RPN's proposals alone, with other test-time top-N values than the model's (the paper's Figure 4 counts
     * 300, 1,000 and 2,000 proposals).
     *
     * @param preNmsTopN anchors kept per feature level, by objectness, before NMS
     * @param postNmsTopN proposals kept per image after NMS
     * @return per image K×4 proposal boxes, best first, in pixels of the image as given
     */
    public synchronized List<float[]> proposals(List<? extends DecodedImage> images, int preNmsTopN, int postNmsTopN) {
        ProposalLayer layer = new ProposalLayer(model.config().rpn().withTestTopN(preNmsTopN, postNmsTopN));
        return withoutGradient(
                scope -> model.proposals(new ParameterStore(scope, false), transform.apply(scope, images), layer));
    }

    /** The stage times of the last {@link #detect} call. */
    public synchronized StageTimings lastTimings() {
        return lastTimings;
    }

    /** Runs {@code work} in a native-memory scope closed afterwards, with autograd off meanwhile. */
    private <T> T withoutGradient(Function<NDManager, T> work) {
        return Autograd.off(() -> {
            try (NDManager scope = manager.newSubManager()) {
                return work.apply(scope);
            }
        });
    }

    private List<DetectedObject> toDetections(ImageDetections image) {
        List<DetectedObject> detections = new ArrayList<>(image.count());
        float[] b = image.boxes();
        for (int d = 0; d < image.count(); d++) {
            int label = image.labels()[d];
            detections.add(new DetectedObject(
                    label,
                    classNames.get(label),
                    image.scores()[d],
                    b[4 * d],
                    b[4 * d + 1],
                    b[4 * d + 2],
                    b[4 * d + 3]));
        }
        return detections;
    }

    @Override
    public synchronized void close() {
        manager.close();
    }
}
