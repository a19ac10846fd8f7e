package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.cli.AutolabelCommand;
import dev.vigil.schemas.Annotation;
import dev.vigil.schemas.AnnotationSource;
import dev.vigil.schemas.LabelledBox;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicReader;
import dev.vigil.stream.testing.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code vigil autolabel --topic}: frames of a camera on a real broker labelled and published as annotations. */
class TopicAutolabelIT {

    static final Path REPO = Path.of(System.getProperty("vigil.repo.root", ".."))
            .toAbsolutePath()
            .normalize();

    private static CliRun vigil(LocalInfrastructure infra, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--bootstrap-servers", infra.bootstrapServers(), "--schema-registry-url", infra.schemaRegistryUrl()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static List<ConsumerRecord<String, Annotation>> annotations(LocalInfrastructure infra, int expected) {
        try (TopicReader<Annotation> reader = new TopicReader<>(
                Map.of("bootstrap.servers", infra.bootstrapServers()),
                "annotations",
                AvroSerdes.specific(Annotation.class, Map.of("schema.registry.url", infra.schemaRegistryUrl()))
                        .deserializer(),
                Duration.ofSeconds(30))) {
            reader.seekToBeginning();
            List<ConsumerRecord<String, Annotation>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                records.addAll(reader.poll(Duration.ofMillis(200)));
            }
            return records;
        }
    }

    @Test
    void labelsOneCamerasFramesOntoTheAnnotationsTopicAndFailsWhenThereAreNone() {
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            for (String camera : List.of("lobby", "hall")) {
                CliRun ingest = vigil(
                        infra,
                        "ingest",
                        "--camera",
                        camera + "=" + REPO.resolve("data/samples/vtest.avi"),
                        "--replay",
                        "fast",
                        "--max-frames",
                        "3");
                assertThat(ingest.exitCode()).as(ingest.err()).isZero();
            }

            CliRun labelled = vigil(
                    infra,
                    "autolabel",
                    "--topic",
                    "frames",
                    "--camera",
                    "lobby",
                    "--teacher",
                    "centernet",
                    "--centernet-model",
                    REPO.resolve("models/teacher/centernet.json").toString());

            assertThat(labelled.exitCode()).as(labelled.err()).isZero();
            assertThat(labelled.out()).contains("published 3 annotations to 'annotations'");
            List<ConsumerRecord<String, Annotation>> records = annotations(infra, 3);
            assertThat(records).hasSize(3);
            assertThat(records).allSatisfy(r -> {
                assertThat(r.key()).as("keyed like frames").isEqualTo("lobby");
                assertThat(r.value().getCameraId()).isEqualTo("lobby");
                assertThat(r.value().getSource()).isEqualTo(AnnotationSource.TEACHER);
                assertThat(r.value().getAuthor()).contains("centernet");
                assertThat(r.value().getBoxes())
                        .as("vtest.avi's first frames show several people")
                        .extracting(LabelledBox::getLabel)
                        .contains("person");
                assertThat(r.value().getBoxes())
                        .allSatisfy(b -> assertThat(b.getScore()).isBetween(0.35f, 1f));
            });
            assertThat(records).extracting(r -> r.value().getFrameSequence()).containsExactlyInAnyOrder(0L, 1L, 2L);

            CliRun none = vigil(
                    infra,
                    "autolabel",
                    "--topic",
                    "frames",
                    "--camera",
                    "nobody",
                    "--teacher",
                    "centernet",
                    "--centernet-model",
                    REPO.resolve("models/teacher/centernet.json").toString());
            assertThat(none.exitCode()).isEqualTo(AutolabelCommand.EXIT_NOTHING_LABELLED);
            assertThat(none.err()).contains("nothing labelled: no image found in topic 'frames' (cameras nobody)");

            CliRun both = vigil(infra, "autolabel", "--topic", "frames", "--images", REPO.toString());
            assertThat(both.exitCode()).isEqualTo(2);
            assertThat(both.err()).contains("give one input: --topic, --images, --video or --from-labels");
        }
    }
}
