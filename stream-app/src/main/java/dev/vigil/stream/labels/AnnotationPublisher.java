package dev.vigil.stream.labels;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.schemas.Annotation;
import dev.vigil.schemas.AnnotationSource;
import dev.vigil.schemas.LabelledBox;
import dev.vigil.schemas.serde.AvroSerdes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a labelled dataset's images as {@code Annotation} records, keyed by camera id as frames are, with an
 * idempotent producer; {@link #publish} returns only once the broker has every record, and fails naming the first
 * frame it could not write. Every image gets a record, an image without boxes too: "labelled, nothing there" is a
 * label.
 */
public final class AnnotationPublisher implements AutoCloseable {

    private final KafkaProducer<String, Annotation> producer;
    private final String topic;

    public AnnotationPublisher(Map<String, Object> clientConfig, Map<String, ?> serdeConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vigil-labels");
        this.producer = new KafkaProducer<>(
                config,
                new StringSerializer(),
                AvroSerdes.specific(Annotation.class, serdeConfig).serializer());
        this.topic = topic;
    }

    /**
     * Publishes one record per image of {@code labels}.
     *
     * @param frameOf the frame each image is (by its file name)
     * @param source TEACHER, HUMAN or IMPORT
     * @param author the teacher's name and version, the person, or the dataset
     * @return the records written
     */
    public int publish(Dataset labels, Function<String, FrameRef> frameOf, AnnotationSource source, String author)
            throws InterruptedException {
        Map<Integer, String> names = new HashMap<>();
        for (Category category : labels.categories()) {
            names.put(category.id(), category.name());
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<FrameRef> refs = new ArrayList<>();
        for (AnnotatedImage image : labels.images()) {
            FrameRef frame = frameOf.apply(image.fileName());
            Annotation annotation = Annotation.newBuilder()
                    .setCameraId(frame.cameraId())
                    .setFrameSequence(frame.frameSequence())
                    .setFrameTime(Instant.ofEpochMilli(frame.captureTimeMillis()))
                    .setIngestRunId(frame.ingestRunId() == null ? "" : frame.ingestRunId())
                    .setSource(source)
                    .setAuthor(author)
                    .setBoxes(boxes(image, names, source))
                    .build();
            sent.add(producer.send(new ProducerRecord<>(topic, frame.cameraId(), annotation)));
            refs.add(frame);
        }
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                FrameRef frame = refs.get(i);
                throw new IllegalStateException(
                        "Could not publish the labels of " + frame.cameraId() + "#" + frame.frameSequence() + " to '"
                                + topic + "' (" + i + " of " + sent.size() + " written): "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        }
        return sent.size();
    }

    private static List<LabelledBox> boxes(AnnotatedImage image, Map<Integer, String> names, AnnotationSource source) {
        List<LabelledBox> boxes = new ArrayList<>(image.boxes().size());
        for (GroundTruthBox box : image.boxes()) {
            boxes.add(LabelledBox.newBuilder()
                    .setLabel(names.get(box.categoryId()))
                    .setX1(box.x1())
                    .setY1(box.y1())
                    .setX2(box.x2())
                    .setY2(box.y2())
                    .setScore(source == AnnotationSource.TEACHER ? box.score() : null)
                    .setIgnore(box.crowd())
                    .build());
        }
        return boxes;
    }

    @Override
    public void close() {
        producer.close();
    }
}
