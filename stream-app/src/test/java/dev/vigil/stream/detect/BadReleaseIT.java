package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.schemas.DetectionEvent;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.ModelStage;
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
import dev.vigil.stream.web.WebServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A production release that cannot be used (corrupt files, a digest that is not its artifact's, a folder that is
 * gone) is refused by a running detect: the running model goes on, with one event per frame, and the refusal is in
 * the log, the metrics, readiness and {@code /api/model}; a good release afterwards is switched to.
 */
class BadReleaseIT {

    static final String NAME = "lobby";

    @TempDir
    Path tmp;

    @Test
    void badReleasesAreRefusedAndTheRunningModelGoesOn() throws Exception {
        ModelArtifact a = ModelArtifact.read(SmallModels.writeRandomMobileNet(tmp.resolve("a"), NAME, "a"));
        ModelArtifact b = ModelArtifact.read(SmallModels.writeRandomMobileNet(tmp.resolve("b"), NAME, "b"));
        Path corruptCopy = copy(b.directory(), tmp.resolve("b-corrupt"));
        byte[] weights = Files.readAllBytes(corruptCopy.resolve(ModelArtifact.WEIGHTS));
        weights[weights.length / 3] ^= 0x10;
        Files.write(corruptCopy.resolve(ModelArtifact.WEIGHTS), weights);

        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            Map<String, Object> client = Map.of("bootstrap.servers", infra.bootstrapServers());
            Map<String, Object> serde = Map.of("schema.registry.url", infra.schemaRegistryUrl());
            TopicProvisioner.ensure(
                    client, TopicSettings.defaults(), Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            RegistrySettings registry = RegistrySettings.defaults(client, serde)
                    .withCache(tmp.resolve("cache"), ArtifactFetcher.DEFAULT_MAX_BYTES);
            PrintWriter progress = new PrintWriter(new StringWriter(), true);
            ModelRelease releaseOfB;
            try (ModelRegistry models = ModelRegistry.connect(registry)) {
                models.promote(
                        ModelReleases.ref(models.publish(a.directory(), null)),
                        ModelRegistry.GateSettings.defaults(),
                        progress);
                releaseOfB = models.publish(b.directory(), null);
            }
            FollowedRelease.Initial initial =
                    FollowedRelease.initial(registry, NAME, ReleaseFollower.Follow.PRODUCTION, DeviceChoice.CPU);
            PrometheusMeterRegistry metrics = VigilMetrics.newRegistry();
            HealthChecks health = new HealthChecks();
            DetectSettings settings = DetectSettings.builder("bad-release", tmp.resolve("state"), client, serde)
                    .batching(new BatchingSettings(2, Duration.ofMillis(100), null))
                    .build();
            try (DetectApplication app = DetectApplication.start(settings, initial.detectors(), metrics, health);
                    WebServer web =
                            WebServer.start("127.0.0.1", 0, metrics, health, List.of(new ModelApi(app::models)));
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
                watcher.await("a first", e -> e.getFrameSequence() >= 3, Duration.ofSeconds(120));

                // B's files, changed after publishing, in production (as if its folder were corrupted later)
                refuse(
                        app,
                        registry,
                        production(releaseOfB, "b1", corruptCopy.toString(), releaseOfB.getDigest()),
                        "CORRUPT");
                // a release whose digest is not its artifact's weights (another publisher's mistake)
                refuse(
                        app,
                        registry,
                        production(releaseOfB, "b2", b.directory().toString(), a.weightsSha256()),
                        "WRONG_DIGEST");
                // a release whose folder is gone
                refuse(
                        app,
                        registry,
                        production(releaseOfB, "b3", tmp.resolve("gone").toString(), releaseOfB.getDigest()),
                        "MISSING");

                JsonNode status = new ObjectMapper().readTree(get(web.url() + ModelApi.PATH));
                assertThat(status.path("running").path("digest").asText()).isEqualTo(a.weightsSha256());
                assertThat(status.path("following").asText()).isEqualTo("production release of lobby");
                assertThat(status.path("last_refused").path("cause").asText()).isEqualTo("MISSING");
                assertThat(status.path("last_refused").path("reason").asText())
                        .contains("lobby:b3")
                        .contains("no such folder");
                assertThat(status.path("refusals").asInt()).isEqualTo(3);
                assertThat(health.ready().checks().get("model").detail())
                        .contains("a (digest " + a.weightsSha256())
                        .contains("last model refused: lobby:b3");
                assertThat(metrics.scrape())
                        .contains("vigil_detect_model_refusals_total{cause=\"corrupt\"} 1.0")
                        .contains("vigil_detect_model_refusals_total{cause=\"wrong_digest\"} 1.0")
                        .contains("vigil_detect_model_refusals_total{cause=\"missing\"} 1.0");

                // a good release afterwards is taken
                try (ModelRegistry models = ModelRegistry.connect(registry)) {
                    models.promote(
                            ModelReleases.ref(releaseOfB),
                            new ModelRegistry.GateSettings(0.01, null, null, true),
                            progress);
                }
                DetectionEvent firstOfB = watcher.await(
                        "of B", e -> e.getModelDigest().equals(b.weightsSha256()), Duration.ofSeconds(120));

                long sent = camera.stop();
                List<DetectionEvent> events = watcher.awaitCount(sent, Duration.ofSeconds(120));
                assertThat(events)
                        .extracting(DetectionEvent::getFrameSequence)
                        .containsExactlyElementsOf(
                                LongStream.range(0, sent).boxed().toList());
                assertThat(events)
                        .as("A ran every frame before B's first")
                        .filteredOn(e -> e.getFrameSequence() < firstOfB.getFrameSequence())
                        .allSatisfy(e -> assertThat(e.getModelDigest()).isEqualTo(a.weightsSha256()));
                assertThat(app.models().status().switches()).isEqualTo(1);
            }
        }
    }

    /** A production record of {@code base}'s model as another version, pointing at {@code uri}, naming {@code digest}. */
    private static ModelRelease production(ModelRelease base, String version, String uri, String digest) {
        Instant now = Instant.now();
        return ModelReleases.moved(
                ModelRelease.newBuilder(base)
                        .setVersion(version)
                        .setArtifactUri(uri)
                        .setDigest(digest)
                        .build(),
                ModelStage.PRODUCTION,
                now,
                "test",
                "written by the test",
                null);
    }

    private static void refuse(DetectApplication app, RegistrySettings registry, ModelRelease bad, String cause)
            throws InterruptedException {
        long refusals = app.models().status().refusals();
        try (ModelRegistry models = ModelRegistry.connect(registry)) {
            models.write(bad);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (app.models().status().refusals() == refusals && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        ModelStatus status = app.models().status();
        assertThat(status.refusals()).as("%s refused", bad.getVersion()).isEqualTo(refusals + 1);
        assertThat(status.lastRefused().cause()).isEqualTo(cause);
        assertThat(status.running().version()).isEqualTo("a");
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Path copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }
}
