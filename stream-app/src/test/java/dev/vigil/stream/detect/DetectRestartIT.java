package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.stream.infra.LocalInfrastructure;
import dev.vigil.stream.kafka.TopicProvisioner;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.testing.SmallModels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a restart of detect quick and safe, on the real broker: its consumers are static group members (a
 * restarted instance takes its partitions back at once), a clean close leaves the group (the partitions go to the
 * others at once instead of after the session timeout), and a restart on the same state directory keeps Kafka
 * Streams' process id, hence its transactional ids (a killed predecessor's open transaction is fenced at once).
 * The times themselves are measured by {@code vigil bench restart} (docs/benchmarks.md).
 */
class DetectRestartIT {

    @TempDir
    Path tmp;

    @Test
    void staticMembersLeaveOnCloseAndARestartKeepsItsTransactionalIds() throws Exception {
        try (LocalInfrastructure infra = LocalInfrastructure.startEphemeral()) {
            TopicProvisioner.ensure(
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    TopicSettings.defaults(),
                    Set.of(Topics.FRAMES, Topics.DETECTIONS, Topics.FRAMES_DLQ));
            ModelDetectors detectors =
                    ModelDetectors.open(SmallModels.writeRandomMobileNet(tmp.resolve("model")), DeviceChoice.CPU);
            DetectSettings settings = DetectSettings.defaults(
                    "restart-test",
                    tmp.resolve("state"),
                    Map.of("bootstrap.servers", infra.bootstrapServers()),
                    Map.of("schema.registry.url", infra.schemaRegistryUrl()));
            Set<String> firstProducers;
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
                try (DetectApplication app = DetectApplication.start(settings, detectors)) {
                    awaitRunning(app);
                    Collection<MemberDescription> members = awaitMembers(admin, settings.applicationId());
                    assertThat(members)
                            .as("static members")
                            .allSatisfy(m -> assertThat(m.groupInstanceId()).isPresent());
                    firstProducers = producerClientIds(app);
                    ConfigResource changelog = new ConfigResource(
                            ConfigResource.Type.TOPIC,
                            settings.applicationId() + "-" + DetectTopology.BUFFER_STORE + "-changelog");
                    assertThat(admin.describeConfigs(List.of(changelog))
                                    .all()
                                    .get()
                                    .get(changelog)
                                    .get(TopicConfig.SEGMENT_MS_CONFIG)
                                    .value())
                            .as(
                                    "the buffer's changelog rolls segments often, so compaction keeps a crash's restore short")
                            .isEqualTo(String.valueOf(DetectTopology.BUFFER_SEGMENT_MS));
                }
                Instant closed = Instant.now();
                while (!members(admin, settings.applicationId()).isEmpty()
                        && Duration.between(closed, Instant.now()).compareTo(Duration.ofSeconds(10)) < 0) {
                    Thread.sleep(200);
                }
                assertThat(members(admin, settings.applicationId()))
                        .as("a clean close leaves the group (the session timeout is "
                                + DetectApplication.DEFAULT_SESSION_TIMEOUT_MS + " ms)")
                        .isEmpty();

                try (DetectApplication app = DetectApplication.start(settings, detectors)) {
                    awaitRunning(app);
                    assertThat(producerClientIds(app))
                            .as("the same process id, so the same transactional ids, after a restart")
                            .isEqualTo(firstProducers);
                    assertThat(awaitMembers(admin, settings.applicationId()))
                            .extracting(m -> m.groupInstanceId().orElseThrow())
                            .allSatisfy(id -> assertThat(id).startsWith(settings.applicationId()));
                }
            }
        }
    }

    static void awaitRunning(DetectApplication app) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (app.state() != KafkaStreams.State.RUNNING) {
            assertThat(Instant.now()).as("detect running").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    static Set<String> producerClientIds(DetectApplication app) {
        Set<String> ids = new TreeSet<>();
        for (ThreadMetadata thread : app.threadMetadata()) {
            ids.addAll(thread.producerClientIds());
        }
        assertThat(ids).isNotEmpty();
        return ids;
    }

    static Collection<MemberDescription> awaitMembers(Admin admin, String group) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        Collection<MemberDescription> members = members(admin, group);
        while (members.isEmpty()) {
            assertThat(Instant.now()).as("members in group " + group).isBefore(deadline);
            Thread.sleep(200);
            members = members(admin, group);
        }
        return members;
    }

    static Collection<MemberDescription> members(Admin admin, String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group))
                .all()
                .get()
                .get(group)
                .members();
    }
}
