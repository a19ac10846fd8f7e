package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.GateDecision;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.metrics.VigilMetrics;
import dev.vigil.stream.release.ArtifactFetcher;
import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.ModelReleases;
import dev.vigil.stream.release.RegistrySettings;
import dev.vigil.stream.release.ReleaseFollower;
import dev.vigil.stream.testing.EventWatcher;
import dev.vigil.stream.testing.SmallModels;
import dev.vigil.stream.testing.StreamingCamera;
import dev.vigil.stream.web.HealthChecks;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --model-name} on the real broker while a camera streams: a promotion and a rollback switch the running
 * application's model between two batches, with no restart, no frame lost and none processed twice, and the first
 * event after each switch names the new model.
 */
class HotReloadIT {

    static final String NAME = "lobby";

    @TempDir
    Path tmp;

    @Test
    void followsPromotionAndRollbackWithoutARestartAndWithOneEventPerFrame() throws Exception {
        ModelArtifact a = ModelArtifact.read(SmallModels.writeRandomMobileNet(tmp.resolve("a"), NAME, null));
        ModelArtifact b = ModelArtifact.read(SmallModels.writeRandomMobileNet(tmp.resolve("b"), NAME, null));
        assertThat(a.info().version()).isNotEqualTo(b.info().version());
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            Map<String, Object> client = Map.of("bootstrap.servers", infra.bootstrapServers());
            Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
            TopicProvisioner.ensure(
                    client, TopicSettings.defaults(), Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            RegistrySettings registry = RegistrySettings.defaults(client, serde)
                    .withCache(tmp.resolve("cache"), ArtifactFetcher.DEFAULT_MAX_BYTES);
            PrintWriter progress = new PrintWriter(new StringWriter(), true);
            try (ModelRegistry models = ModelRegistry.connect(registry)) {
                ModelRelease published = models.publish(a.directory(), null);
                assertThat(models.promote(ModelReleases.ref(published), ModelRegistry.GateSettings.defaults(), progress)
                                .decision())
                        .as("the first production release has nothing to be compared with")
                        .isEqualTo(GateDecision.ACCEPTED);
            }
            FollowedRelease.Initial initial =
                    FollowedRelease.initial(registry, NAME, ReleaseFollower.Follow.PRODUCTION, DeviceChoice.CPU);
            assertThat(initial.detectors().model().digest()).isEqualTo(a.weightsSha256());
            PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
            DetectSettings settings = DetectSettings.builder("hot-reload", tmp.resolve("state"), client, serde)
                    .batching(new BatchingSettings(2, Duration.ofMillis(100), null))
                    .build();
            try (DetectApplication app =
                            DetectApplication.start(settings, initial.detectors(), metrics, new HealthChecks());
                    FollowedRelease following = FollowedRelease.start(
                            registry, NAME, ReleaseFollower.Follow.PRODUCTION, initial, app.models());
                    EventWatcher watcher =
                            new EventWatcher(infra.bootstrapServers(), infra.schemaRegistryUrl(), Topics.DETECTIONS);
                    StreamingCamera camera = new StreamingCamera(
                            infra.bootstrapServers(),
                            infra.schemaRegistryUrl(),
                            Topics.FRAMES,
                            "lobby-cam",
                            Duration.ofMillis(100))) {
                watcher.await("of model A", e -> e.getFrameSequence() >= 5, Duration.ofSeconds(120));

                try (ModelRegistry models = ModelRegistry.connect(registry)) {
                    ModelRelease candidate = models.publish(b.directory(), null);
                    ModelRegistry.Promotion promoted = models.promote(
                            ModelReleases.ref(candidate),
                            new ModelRegistry.GateSettings(0.01, null, null, true),
                            progress);
                    assertThat(promoted.decision())
                            .as("random models have no held-out figures: forced")
                            .isEqualTo(GateDecision.FORCED);
                }
                DetectionEvent firstOfB = watcher.await(
                        "of model B", e -> e.getModelDigest().equals(b.weightsSha256()), Duration.ofSeconds(120));
                watcher.await(
                        "of B, a few frames on",
                        e -> e.getFrameSequence() >= firstOfB.getFrameSequence() + 5,
                        Duration.ofSeconds(120));

                try (ModelRegistry models = ModelRegistry.connect(registry)) {
                    ModelRelease back = models.rollback(NAME, "test");
                    assertThat(ModelReleases.ref(back).version())
                            .isEqualTo(a.info().version());
                }
                DetectionEvent backToA = watcher.await(
                        "of model A after the rollback",
                        e -> e.getFrameSequence() > firstOfB.getFrameSequence()
                                && e.getModelDigest().equals(a.weightsSha256()),
                        Duration.ofSeconds(120));
                watcher.await(
                        "of A, a few frames on",
                        e -> e.getFrameSequence() >= backToA.getFrameSequence() + 5,
                        Duration.ofSeconds(120));

                long sent = camera.stop();
                List<DetectionEvent> events = watcher.awaitCount(sent, Duration.ofSeconds(120));
                assertThat(events)
                        .as("one event per frame across both switches")
                        .extracting(DetectionEvent::getFrameSequence)
                        .containsExactlyElementsOf(
                                LongStream.range(0, sent).boxed().toList());
                assertThat(runs(events))
                        .as("the models, in frame order: A, then B, then A again")
                        .containsExactly(a.weightsSha256(), b.weightsSha256(), a.weightsSha256());
                assertThat(events)
                        .allSatisfy(e -> assertThat(e.getModelVersion())
                                .isEqualTo(
                                        e.getModelDigest().equals(a.weightsSha256())
                                                ? a.info().version()
                                                : b.info().version()));

                assertThat(app.models().status().switches()).isEqualTo(2);
                assertThat(app.models().status().refusals()).isZero();
                assertThat(app.stats().threadFailures()).isZero();
                assertThat(app.state()).isEqualTo(org.apache.kafka.streams.KafkaStreams.State.RUNNING);
                assertThat(metrics.scrape())
                        .contains("vigil_detect_model_switches_total 2.0")
                        .containsPattern("vigil_detect_model_info\\{digest=\"" + a.weightsSha256() + "\",name=\"" + NAME
                                + "\",version=\"" + a.info().version() + "\"\\} 1");
            }
        }
    }

    /** The digests of the events in frame order, each run of equal ones once. */
    private static List<String> runs(List<DetectionEvent> events) {
        List<String> runs = new ArrayList<>();
        events.stream()
                .sorted(java.util.Comparator.comparingLong(DetectionEvent::getFrameSequence))
                .forEach(e -> {
                    if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(e.getModelDigest())) {
                        runs.add(e.getModelDigest());
                    }
                });
        return runs;
    }
}
