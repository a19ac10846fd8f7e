package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.train.TrainingLog;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.retrain.Retrain;
import dev.vigil.stream.retrain.RetrainReport;
import dev.vigil.stream.snapshot.CocoDatasetWriter;
import dev.vigil.stream.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Retrain on your camera" walkthrough, command for command, on a small range (24 frames of vtest.avi,
 * 4 fine-tuning iterations) against a real broker and registry: ingest, retrain (the teacher labels the frames and
 * publishes them, fine-tuning from the shipped model, the gate against it), the labels back in a snapshot, the
 * registry's history; then the same retrain again resumes instead of starting over.
 */
class RetrainWalkthroughIT {

    static final Path REPO = Path.of(System.getProperty("vigil.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final int FRAMES = 24;

    @TempDir
    Path tmp;

    private static CliRun vigil(LocalInfrastructure infra, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--bootstrap-servers", infra.bootstrapServers(), "--schema-registry-url", infra.schemaRegistryUrl()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private CliRun retrain(LocalInfrastructure infra) {
        return vigil(
                infra,
                "retrain",
                "--camera",
                "lobby",
                "--model-name",
                "vigil-default",
                "--iterations",
                "4",
                "--work",
                tmp.resolve("retrain-lobby").toString(),
                "--init",
                REPO.resolve("models/vigil-default").toString(),
                "--centernet-model",
                REPO.resolve("models/teacher/centernet.json").toString(),
                "--model-cache",
                tmp.resolve("cache").toString());
    }

    @Test
    void ingestRetrainSnapshotAndHistoryAsTheReadmeShowsThem() throws Exception {
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            CliRun ingest = vigil(
                    infra,
                    "ingest",
                    "--camera",
                    "lobby=" + REPO.resolve("data/samples/vtest.avi"),
                    "--replay",
                    "fast",
                    "--max-frames",
                    "" + FRAMES);
            assertThat(ingest.exitCode()).as(ingest.err()).isZero();

            CliRun retrained = retrain(infra);
            System.out.println("vigil retrain:\n" + retrained.out()); // the README shows this output

            assertThat(retrained.exitCode())
                    .as(retrained.err() + retrained.out())
                    .isIn(0, RetrainCommand.REFUSED);
            String out = retrained.out();
            assertThat(out)
                    .contains("on " + FRAMES + " frames of lobby (" + FRAMES + " labelled by the teacher)")
                    .contains("fine-tuned from vigil-default:")
                    .contains("held-out frames: 5")
                    .containsPattern("\\| AP50 person \\| \\d\\.\\d{3} \\| \\d\\.\\d{3} \\|")
                    .as("the candidate is compared with the model it was tuned from, not with nothing");
            String candidate = out.substring(out.indexOf("retrained ") + 10, out.indexOf(" on " + FRAMES));
            assertThat(out)
                    .contains(
                            retrained.exitCode() == 0
                                    ? "gate: ACCEPTED: " + candidate + " is in production"
                                    : "gate: REFUSED: " + candidate + " stays a candidate");
            Path work = tmp.resolve("retrain-lobby");
            assertThat(work.resolve(RetrainReport.FILE)).content().contains("Gate (tolerance 0.010 AP)");
            assertThat(Files.readAllBytes(work.resolve(RetrainReport.AP_PLOT))).startsWith(0x89, 'P', 'N', 'G');
            assertThat(work.resolve(Retrain.GATE_FILE)).exists();
            Path model = work.resolve("training/model");
            assertThat(ModelArtifact.read(model).classNames()).containsExactly("__background__", "person", "car");

            Path snapshot = tmp.resolve("lobby-data");
            CliRun exported = vigil(infra, "snapshot", "--out", snapshot.toString(), "--camera", "lobby");
            assertThat(exported.exitCode()).as(exported.err()).isZero();
            JsonNode coco = new ObjectMapper()
                    .readTree(snapshot.resolve(CocoDatasetWriter.FILE_NAME).toFile());
            assertThat(coco.get("images")).hasSize(FRAMES);
            assertThat(coco.get("images"))
                    .as("the teacher's labels went to the annotations topic and come back with every frame")
                    .allSatisfy(image -> assertThat(
                                    image.path(CocoDatasetWriter.LABEL_SOURCE).asText())
                            .isEqualTo("TEACHER"));
            assertThat(coco.get("annotations").size()).isGreaterThan(FRAMES);

            CliRun history = vigil(infra, "model", "history", "vigil-default");
            assertThat(history.exitCode()).as(history.err()).isZero();
            assertThat(history.out()).contains(candidate).contains("published");

            long logLines = Files.readAllLines(work.resolve("training").resolve(TrainingLog.FILE))
                    .size();
            CliRun again = retrain(infra);
            assertThat(again.exitCode()).as(again.err()).isEqualTo(retrained.exitCode());
            assertThat(again.out())
                    .as("resumed: the labels are on the topic, the training run is finished, the release exists")
                    .contains("retrained " + candidate + " on " + FRAMES
                            + " frames of lobby (0 labelled by the teacher)");
            assertThat(Files.readAllLines(work.resolve("training").resolve(TrainingLog.FILE)))
                    .hasSize((int) logLines);
        }
    }
}
