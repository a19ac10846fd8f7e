package dev.vigil.stream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.eval.LabelReview;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.io.AtomicFile;
import dev.vigil.model.progress.ProgressBars;
import dev.vigil.stream.snapshot.CocoDatasetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil labels review}: the frames whose labels are doubtful, as a COCO file to correct in a labelling tool. */
@Command(
        name = "review",
        mixinStandardHelpOptions = true,
        description = {
            "Picks the frames of a labelled dataset (a snapshot's annotations.json) worth a person's look: a teacher "
                    + "box scoring below --low-score, and with --model the boxes the model finds that no label has "
                    + "(from --model-score) and the labels it misses. Writes them with their labels and their "
                    + "frame fields (camera_id, frame_sequence, capture_time) and a 'review' list of reasons per "
                    + "image, as COCO JSON that CVAT or Label Studio open; correct them there and bring them back "
                    + "with vigil labels import."
        })
public final class LabelsReviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "COCO.json", required = true, description = "The labelled frames.")
    Path dataset;

    @Option(names = "--images", paramLabel = "DIR", description = "Their images. Default: the JSON's own.")
    Path images;

    @Option(names = "--out", paramLabel = "REVIEW.json", required = true, description = "The frames to review.")
    Path out;

    @Option(names = "--model", paramLabel = "DIR", description = "The current model, compared with the labels.")
    Path model;

    @Option(
            names = "--low-score",
            defaultValue = "0.5",
            description = "A teacher box below this is doubtful. Default: ${DEFAULT-VALUE}.")
    float lowScore;

    @Option(
            names = "--model-score",
            defaultValue = "0.5",
            description = "The model's detections from this score on are compared. Default: ${DEFAULT-VALUE}.")
    float modelScore;

    @Option(
            names = "--iou",
            defaultValue = "0.5",
            description = "A label and a detection this close are one object. Default: ${DEFAULT-VALUE}.")
    float iou;

    @Override
    public Integer call() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Dataset data = CocoDataset.read(dataset, images);
        JsonNode root = json.readTree(dataset.toFile());
        Map<Long, JsonNode> entries = new HashMap<>();
        for (JsonNode image : root.path("images")) {
            entries.put(image.path("id").asLong(), image);
        }
        Map<Integer, String> names = new HashMap<>();
        for (Category category : data.categories()) {
            names.put(category.id(), category.name());
        }
        LabelReview review = new LabelReview(lowScore, modelScore, iou);
        ArrayNode doubtful = json.createArrayNode();
        Set<Long> chosen = new HashSet<>();
        ImageDecoder decoder = new ImageDecoder();
        try (Detector detector = model == null ? null : Detector.load(model);
                ProgressBar bar = ProgressBars.create("review", data.images().size(), " frames")) {
            for (AnnotatedImage image : data.images()) {
                JsonNode entry = entries.get(image.id());
                String source = entry.path(CocoDatasetWriter.LABEL_SOURCE).asText("");
                boolean teacher = source.isEmpty() || source.equals("TEACHER");
                List<DetectedObject> detections = detector == null
                        ? null
                        : detector.detect(List.of(decoder.read(data.imagePath(image))))
                                .get(0);
                List<String> reasons = review.reasons(image, teacher, names, detections);
                if (!reasons.isEmpty()) {
                    ObjectNode copy = entry.deepCopy();
                    ArrayNode list = copy.putArray("review");
                    reasons.forEach(list::add);
                    doubtful.add(copy);
                    chosen.add(image.id());
                }
                bar.step();
            }
        }
        ObjectNode result = json.createObjectNode();
        ObjectNode info = result.putObject("info");
        info.put("description", "Frames of " + dataset + " to review (vigil labels review)");
        info.put(
                CocoDataset.IMAGES_DIR_FIELD,
                data.imagesDir().toAbsolutePath().normalize().toString());
        result.set("images", doubtful);
        ArrayNode annotations = result.putArray("annotations");
        for (JsonNode a : root.path("annotations")) {
            if (chosen.contains(a.path("image_id").asLong())) {
                annotations.add(a);
            }
        }
        result.set("categories", root.path("categories"));
        AtomicFile.writeJson(json, out, result);
        spec.commandLine()
                .getOut()
                .printf(
                        "wrote %s: %d of %d frames to review (%d labels)%n",
                        out, doubtful.size(), data.images().size(), annotations.size());
        return 0;
    }
}
