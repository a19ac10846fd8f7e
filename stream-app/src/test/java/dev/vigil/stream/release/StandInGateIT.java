package dev.vigil.stream.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.schemas.GateDecision;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.ModelStage;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.SmallModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate of a name without a production release, given a stand-in (what {@code vigil retrain} fine-tuned from):
 * a candidate worse than the stand-in is refused, and the refusal, with the figures of both and the stand-in's name,
 * is recorded in the candidate's release, as a refusal against a production release is. Real broker, real models
 * (a randomly initialised one against the shipped one), held-out frames of the sample footage labelled by the SSD.
 */
class StandInGateIT {

    static final Path REPO = Path.of(System.getProperty("vigil.repo.root", ".."))
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path tmp;

    @Test
    void aCandidateWorseThanTheStandInIsRefusedAndTheRefusalRecorded() throws Exception {
        Path heldOut = tmp.resolve("held-out/test.json");
        CliRun labelled = CliRun.of(
                "autolabel",
                "--video",
                REPO.resolve("data/samples/vtest.avi").toString(),
                "--frames",
                "700-720",
                "--every",
                "10",
                "--out",
                heldOut.toString(),
                "--teacher",
                "ssd",
                "--teacher-model",
                REPO.resolve("models/teacher/ssd_mobilenetv2_oidv4_fp16.tflite").toString(),
                "--classes",
                "person,car");
        assertThat(labelled.exitCode()).as(labelled.err()).isZero();
        Path candidate = SmallModels.writeRandomMobileNet(tmp.resolve("candidate"), "lobby-model", "2");
        ModelArtifact shipped = ModelArtifact.read(REPO.resolve("models/vigil-default"));
        String description = "vigil-default from models/vigil-default (no production release of lobby-model)";

        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral();
                ModelRegistry registry = ModelRegistry.connect(RegistrySettings.defaults(
                        Map.of("bootstrap.servers", infra.bootstrapServers()),
                        Map.of("schema.registry.url", infra.schemaRegistryUrl())))) {
            ModelRelease published = registry.publish(candidate, null);
            ModelReleases.Ref ref = ModelReleases.ref(published);
            StringWriter progress = new StringWriter();

            ModelRegistry.Promotion promotion = registry.promote(
                    ref,
                    new ModelRegistry.GateSettings(
                            0.01, heldOut, null, false, new ModelRegistry.StandIn(shipped, description)),
                    new PrintWriter(progress, true));

            assertThat(promotion.decision()).isEqualTo(GateDecision.REFUSED);
            assertThat(promotion.verdict().production().cocoAp())
                    .isGreaterThan(promotion.verdict().candidate().cocoAp());
            ModelRelease recorded = registry.read().get(ref).orElseThrow();
            assertThat(recorded.getStage()).isEqualTo(ModelStage.CANDIDATE);
            assertThat(recorded.getGate().getDecision()).isEqualTo(GateDecision.REFUSED);
            assertThat(recorded.getGate().getComparedWith().toString()).isEqualTo(description);
            assertThat(recorded.getGate().getProduction().getCocoAp())
                    .isEqualTo(promotion.verdict().production().cocoAp());
            assertThat(recorded.getGate().getFindings()).isNotEmpty();
            assertThat(recorded.getHistory()
                            .get(recorded.getHistory().size() - 1)
                            .getReason()
                            .toString())
                    .startsWith("promotion refused by the gate: ");
            assertThat(registry.read().production("lobby-model")).isEmpty();
        }
    }
}
