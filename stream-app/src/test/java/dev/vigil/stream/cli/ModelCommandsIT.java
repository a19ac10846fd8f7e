package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.schemas.GateDecision;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.ModelStage;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.ModelReleases;
import dev.vigil.stream.release.RegistrySettings;
import dev.vigil.stream.release.ReleaseBook;
import dev.vigil.stream.testing.CliRun;
import dev.vigil.stream.testing.SmallModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil model publish | promote | list | history | rollback} as a user runs them, on a real broker with real
 * models: the shipped model and one trained for two iterations, gated on held-out frames of the sample footage
 * labelled by the teacher. The gate accepts the better and refuses the worse, and the registry keeps who did what.
 */
class ModelCommandsIT {

    static final Path REPO = Path.of(System.getProperty("vigil.repo.root", ".."))
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path tmp;

    private CliRun vigil(LocalInfrastructure infra, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--bootstrap-servers", infra.bootstrapServers(), "--schema-registry-url", infra.schemaRegistryUrl()));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void publishPromoteThroughTheGateRollBackAndTheAuditTrail() throws Exception {
        Path heldOut = tmp.resolve("held-out/test.json");
        CliRun labelled = CliRun.of(
                "autolabel",
                "--video",
                REPO.resolve("data/samples/vtest.avi").toString(),
                "--frames",
                "610-790",
                "--every",
                "20",
                "--out",
                heldOut.toString(),
                "--teacher",
                "ssd",
                "--teacher-model",
                REPO.resolve("models/teacher/ssd_mobilenetv2_oidv4_fp16.tflite").toString(),
                "--score-thresh",
                "0.4",
                "--classes",
                "person,car");
        assertThat(labelled.exitCode()).as(labelled.err()).isZero();
        CliRun trained = CliRun.of(
                "train",
                "--train",
                heldOut.toString(),
                "--val",
                heldOut.toString(),
                "--out",
                tmp.resolve("barely").toString(),
                "--iterations",
                "2",
                "--arch",
                "vigil_compact",
                "--min-size",
                "384",
                "--max-size",
                "640",
                "--name",
                "vigil-default",
                "--version",
                "barely");
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path barely = tmp.resolve("barely/model");
        Path shipped = copy(REPO.resolve("models/vigil-default"), tmp.resolve("shipped"));
        String shippedVersion = ModelArtifact.read(shipped).info().version();

        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            CliRun published = vigil(infra, "model", "publish", barely.toString(), "--user", "alice");
            assertThat(published.exitCode()).as(published.err()).isZero();
            assertThat(published.out()).contains("vigil-default:barely is a candidate release");

            CliRun first = vigil(infra, "model", "promote", "vigil-default:barely", "--user", "alice");
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out())
                    .as("the dataset its validation metrics come from, and nothing to compare with")
                    .contains("against nothing (no production release) on " + heldOut.toAbsolutePath())
                    .contains("vigil-default:barely is in production (gate: accepted)");

            assertThat(vigil(infra, "model", "publish", shipped.toString(), "--user", "bob")
                            .exitCode())
                    .isZero();
            CliRun better = vigil(
                    infra,
                    "model",
                    "promote",
                    "vigil-default:" + shippedVersion,
                    "--dataset",
                    heldOut.toString(),
                    "--user",
                    "bob");
            assertThat(better.exitCode()).as(better.err() + better.out()).isZero();
            assertThat(better.out())
                    .contains("against vigil-default:barely")
                    .contains("is in production (gate: accepted); vigil-default:barely is retired");

            CliRun worse = vigil(
                    infra,
                    "model",
                    "promote",
                    "vigil-default:barely",
                    "--dataset",
                    heldOut.toString(),
                    "--user",
                    "carol");
            assertThat(worse.exitCode()).as(worse.err()).isEqualTo(ModelPromoteCommand.REFUSED);
            assertThat(worse.out())
                    .containsPattern("AP50 person\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}\\s+-\\d\\.\\d{3} worse")
                    .contains("is refused by the gate and stays retired (recorded)");

            RegistrySettings settings = RegistrySettings.defaults(
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    Map.of("schema.registry.url", infra.schemaRegistryUrl()));
            try (ModelRegistry registry = ModelRegistry.connect(settings)) {
                ReleaseBook book = registry.read();
                ModelRelease production = book.production("vigil-default").orElseThrow();
                assertThat(production.getVersion()).isEqualTo(shippedVersion);
                assertThat(production.getGate().getDecision()).isEqualTo(GateDecision.ACCEPTED);
                assertThat(production.getGate().getProduction().getCocoAp())
                        .isLessThan(production.getGate().getCandidate().getCocoAp());
                ModelRelease refused = book.get(ModelReleases.Ref.parse("vigil-default:barely"))
                        .orElseThrow();
                assertThat(refused.getStage()).isEqualTo(ModelStage.RETIRED);
                assertThat(refused.getGate().getDecision()).isEqualTo(GateDecision.REFUSED);
                assertThat(refused.getGate().getFindings())
                        .anySatisfy(f -> assertThat(f).startsWith("AP50 of person"));
                assertThat(refused.getMetricsDataset().getPath())
                        .isEqualTo(heldOut.toAbsolutePath().toString());
                assertThat(refused.getMetrics()).containsKeys("AP", "AP50", "AP50/person");
            }

            CliRun list = vigil(infra, "model", "list");
            assertThat(list.out())
                    .containsPattern("vigil-default:" + shippedVersion + "\\s+production\\s+.*bob.*accepted")
                    .containsPattern("vigil-default:barely\\s+retired\\s+.*carol.*refused");

            CliRun rollback =
                    vigil(infra, "model", "rollback", "vigil-default", "--reason", "night shift", "--user", "dave");
            assertThat(rollback.exitCode()).as(rollback.err()).isZero();
            assertThat(rollback.out()).contains("vigil-default:barely is in production again");

            CliRun history = vigil(infra, "model", "history", "vigil-default");
            assertThat(history.out()
                            .lines()
                            .map(l -> l.replaceAll("^\\S+\\s+", "").replaceAll("\\s+", " ")))
                    .containsExactly(
                            "vigil-default:barely candidate alice published",
                            "vigil-default:barely production alice promoted: the gate accepted it",
                            "vigil-default:" + shippedVersion + " candidate bob published",
                            "vigil-default:barely retired bob replaced by vigil-default:" + shippedVersion,
                            "vigil-default:" + shippedVersion + " production bob promoted: the gate accepted it",
                            history.out()
                                    .lines()
                                    .toList()
                                    .get(5)
                                    .replaceAll("^\\S+\\s+", "")
                                    .replaceAll("\\s+", " "),
                            "vigil-default:" + shippedVersion
                                    + " retired dave rolled back to vigil-default:barely: night shift",
                            "vigil-default:barely production dave rollback from vigil-default:" + shippedVersion
                                    + ": night shift");
            assertThat(history.out().lines().toList().get(5))
                    .contains("vigil-default:barely")
                    .contains("carol")
                    .contains("promotion refused by the gate: ")
                    .contains("AP50 of person");

            SmallModels.writeRandomMobileNet(tmp.resolve("impostor"), "vigil-default", "barely");
            CliRun clash =
                    vigil(infra, "model", "publish", tmp.resolve("impostor").toString());
            assertThat(clash.exitCode()).isNotZero();
            assertThat(clash.err()).contains("vigil-default:barely is published already with other content");
        }
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
