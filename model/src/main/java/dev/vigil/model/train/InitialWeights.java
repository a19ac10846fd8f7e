package dev.vigil.model.train;

import ai.djl.nn.Parameter;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.io.StateDict;
import dev.vigil.model.io.StateDictLoader;
import dev.vigil.model.io.StoredTensor;
import dev.vigil.model.io.TorchDtype;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fine-tuning's starting point: a trained model's weights (the shipped model, one trained here, or a torchvision
 * import) put into the network about to be trained. Every layer is copied as it is except Fast R-CNN's class-specific
 * outputs ({@code roi_heads.box_predictor}: one row of {@code cls_score} and four of {@code bbox_pred} per class),
 * which are remapped by class name: a class both models have keeps its trained rows, background included; a class
 * the source lacks keeps the new network's fresh initialization. The architecture must be the source's but for the
 * number of classes (the image sizes may differ).
 */
public final class InitialWeights {

    static final String CLASS_SCORE = "roi_heads.box_predictor.cls_score.";
    static final String BOX_DELTAS = "roi_heads.box_predictor.bbox_pred.";

    private final ModelArtifact source;

    private InitialWeights(ModelArtifact source) {
        this.source = source;
    }

    /** Starts from the model in {@code source}. */
    public static InitialWeights of(ModelArtifact source) {
        return new InitialWeights(source);
    }

    public ModelArtifact source() {
        return source;
    }

    /**
     * The classes to fine-tune: the source model's, in its order, then those of {@code categories} it lacks, so that
     * the model keeps detecting a class the new data happens not to show.
     */
    public ClassMap classesFor(List<Category> categories) {
        List<String> names = new ArrayList<>(source.classNames());
        categories.stream()
                .sorted(Comparator.comparingInt(Category::id))
                .map(Category::name)
                .filter(name -> !names.subList(1, names.size()).contains(name))
                .forEach(names::add);
        return ClassMap.ofClassNames(names);
    }

    /** The source's architecture with the class count of the classes to train. */
    public ArchitectureConfig architectureFor(List<String> classNames) {
        return source.config().withNumClasses(classNames.size());
    }

    /**
     * What was carried over.
     *
     * @param kept the classes (background first) whose trained outputs were copied
     * @param fresh the classes the source lacks, initialized afresh
     */
    public record Applied(List<String> kept, List<String> fresh) {}

    /**
     * Loads the source's weights into {@code network} (built for {@code classNames}, background first).
     *
     * @throws IllegalArgumentException when the architectures differ other than in the classes, naming the layers
     */
    public Applied applyTo(FasterRcnn network, List<String> classNames) throws IOException {
        // the strict load below checks every layer's shape; the architecture's name catches a wrong model early
        if (!source.config().arch().equals(network.config().arch())) {
            throw new IllegalArgumentException("fine-tuning needs the architecture of " + source.directory() + " ("
                    + source.config().arch() + "), the network to train is "
                    + network.config().arch());
        }
        List<String> sourceClasses = source.classNames();
        int[] rowOf = new int[classNames.size()];
        List<String> kept = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            int foreground = sourceClasses.subList(1, sourceClasses.size()).indexOf(classNames.get(c));
            rowOf[c] = c == 0 ? 0 : foreground < 0 ? -1 : foreground + 1;
            (rowOf[c] >= 0 ? kept : fresh).add(classNames.get(c));
        }
        StateDict weights = source.weights();
        Map<String, Parameter> parameters = StateDictLoader.parametersByKey(network);
        Map<String, StoredTensor> remapped = new LinkedHashMap<>(weights.tensors());
        for (String key :
                List.of(CLASS_SCORE + "weight", CLASS_SCORE + "bias", BOX_DELTAS + "weight", BOX_DELTAS + "bias")) {
            int rowsPerClass = key.startsWith(BOX_DELTAS) ? 4 : 1;
            remapped.put(key, remapRows(weights.tensor(key), parameters.get(key), rowOf, rowsPerClass));
        }
        StateDictLoader.strict().load(network, new StateDict(weights.source(), remapped, weights.moduleVersions()));
        return new Applied(kept, fresh);
    }

    /** The fresh parameter's values with the rows of each kept class replaced by the source's. */
    private static StoredTensor remapRows(StoredTensor trained, Parameter target, int[] rowOf, int rowsPerClass) {
        long[] shape = target.getArray().getShape().getShape();
        float[] values = target.getArray().toFloatArray();
        float[] trainedValues = trained.floats();
        int rowLength = shape.length > 1 ? (int) shape[1] : 1;
        long trainedRowLength = trained.shape().length > 1 ? trained.shape()[1] : 1;
        if (trainedRowLength != rowLength) {
            throw new IllegalArgumentException(
                    trained.name() + " has rows of " + trainedRowLength + " values, the network to train " + rowLength);
        }
        for (int c = 0; c < rowOf.length; c++) {
            if (rowOf[c] < 0) {
                continue;
            }
            int length = rowsPerClass * rowLength;
            System.arraycopy(trainedValues, rowOf[c] * length, values, c * length, length);
        }
        return StoredTensor.ofFloats(trained.name(), TorchDtype.FLOAT32, shape, values);
    }
}
