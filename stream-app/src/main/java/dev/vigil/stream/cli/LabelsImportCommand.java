package dev.vigil.stream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.schemas.AnnotationSource;
import dev.vigil.stream.config.KafkaClientOptions;
import dev.vigil.stream.kafka.ConnectOptions;
import dev.vigil.stream.kafka.StartupCheck;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.labels.AnnotationPublisher;
import dev.vigil.stream.labels.FrameIndex;
import dev.vigil.stream.labels.FrameRef;
import dev.vigil.stream.snapshot.CocoDatasetWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil labels import}: people's labels (COCO JSON) onto the annotations topic, one record per frame. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Publishes the labels of a COCO JSON file (vigil snapshot's annotations.json corrected in a labelling "
                    + "tool, a CVAT 'COCO 1.0' or Label Studio 'COCO' export) as Annotation records, one per image, "
                    + "an image without boxes included (a person saw nothing there). Human labels take precedence "
                    + "over teacher labels of the same frame in every snapshot and retraining after this.",
            "An image is matched to its frame by its camera_id, frame_sequence and capture_time fields, else by file "
                    + "name in --snapshot DIR's annotations.json (same name, or the same CAMERA/FILE ending). "
                    + "Exits 4 when some images matched no frame (the others are published)."
        })
public final class LabelsImportCommand implements Callable<Integer> {

    static final int UNMATCHED = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    ConnectOptions connect;

    @Option(names = "--coco", paramLabel = "FILE", required = true, description = "The labels (COCO JSON).")
    Path coco;

    @Option(
            names = "--snapshot",
            paramLabel = "DIR",
            description = "The snapshot folder the images came from, to match them by file name.")
    Path snapshot;

    @Option(
            names = "--source",
            defaultValue = "human",
            description =
                    "human (drawn or checked by a person) or import (another dataset). Default: ${DEFAULT-VALUE}.")
    String source;

    @Option(names = "--author", paramLabel = "NAME", description = "Who labelled them. Default: the user running this.")
    String author = System.getProperty("user.name", "unknown");

    @Option(
            names = "--annotations-topic",
            defaultValue = Topics.ANNOTATIONS,
            description = "Default: ${DEFAULT-VALUE}.")
    String annotationsTopic;

    @Override
    public Integer call() throws Exception {
        AnnotationSource annotationSource = switch (source.toLowerCase(Locale.ROOT)) {
            case "human" -> AnnotationSource.HUMAN;
            case "import" -> AnnotationSource.IMPORT;
            default -> throw new IllegalArgumentException("--source must be human or import, got '" + source + "'");
        };
        JsonNode root = new ObjectMapper().readTree(coco.toFile());
        FrameIndex frames = snapshot == null
                ? FrameIndex.none()
                : FrameIndex.ofSnapshot(snapshot.resolve(CocoDatasetWriter.FILE_NAME));
        List<Category> categories = new ArrayList<>();
        for (JsonNode category : root.path("categories")) {
            categories.add(new Category(
                    category.path("id").asInt(), category.path("name").asText()));
        }
        Set<Integer> categoryIds =
                new java.util.HashSet<>(categories.stream().map(Category::id).toList());
        Map<Long, List<GroundTruthBox>> boxes = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode a : root.path("annotations")) {
            JsonNode bbox = a.path("bbox");
            int category = a.path("category_id").asInt(-1);
            if (bbox.size() != 4 || !categoryIds.contains(category)) {
                problems.add("annotation " + a.path("id").asText() + ": no bbox [x, y, w, h] or an unknown category");
                continue;
            }
            float x = (float) bbox.get(0).asDouble();
            float y = (float) bbox.get(1).asDouble();
            float w = (float) bbox.get(2).asDouble();
            float h = (float) bbox.get(3).asDouble();
            if (!(Float.isFinite(x) && Float.isFinite(y) && w > 0 && h > 0 && Float.isFinite(w) && Float.isFinite(h))) {
                problems.add("annotation " + a.path("id").asText() + ": bbox " + bbox + " is not a box");
                continue;
            }
            boxes.computeIfAbsent(a.path("image_id").asLong(), k -> new ArrayList<>())
                    .add(new GroundTruthBox(
                            x, y, x + w, y + h, category, a.path("iscrowd").asInt() == 1, (double) w * h, 1f));
        }
        Map<String, FrameRef> matched = new LinkedHashMap<>();
        List<AnnotatedImage> images = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (JsonNode image : root.path("images")) {
            long id = image.path("id").asLong();
            Optional<FrameRef> frame = frames.frameOf(image);
            if (frame.isEmpty()) {
                unmatched.add(image.path("file_name").asText());
                continue;
            }
            String key = Long.toString(id);
            matched.put(key, frame.get());
            images.add(new AnnotatedImage(
                    id,
                    key,
                    image.path("width").asInt(),
                    image.path("height").asInt(),
                    boxes.getOrDefault(id, List.of())));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(p -> err.println("vigil labels import: " + coco + ": " + p));
        if (!images.isEmpty()) {
            new StartupCheck(connect).awaitKafkaAndRegistry(kafka.clientConfig(), kafka.serdeConfig());
            TopicProvisioner.ensure(kafka.clientConfig(), TopicSettings.defaults(), Set.of(annotationsTopic));
            try (AnnotationPublisher publisher =
                    new AnnotationPublisher(kafka.clientConfig(), kafka.serdeConfig(), annotationsTopic)) {
                int written = publisher.publish(
                        new Dataset(coco.toAbsolutePath().getParent(), categories, images),
                        matched::get,
                        annotationSource,
                        author);
                out.printf(
                        "published %d %s annotations (%d boxes) from %s to '%s'%n",
                        written,
                        annotationSource.name().toLowerCase(Locale.ROOT),
                        images.stream().mapToInt(i -> i.boxes().size()).sum(),
                        coco,
                        annotationsTopic);
            }
        }
        if (!unmatched.isEmpty()) {
            err.printf(
                    "vigil labels import: %d images matched no frame (give --snapshot DIR of the snapshot they came "
                            + "from), e.g. %s%n",
                    unmatched.size(), unmatched.subList(0, Math.min(3, unmatched.size())));
            return UNMATCHED;
        }
        return problems.isEmpty() ? 0 : UNMATCHED;
    }
}
