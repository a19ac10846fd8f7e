package dev.vigil.stream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.stream.cli.VigilCli;
import dev.vigil.stream.config.ConfigDefaultProvider;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.kafka.TopicSettings;
import dev.vigil.stream.kafka.Topics;
import dev.vigil.stream.web.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docker-compose.yml, the Dockerfiles and the Kubernetes manifests cannot run here (no Docker engine), so they are
 * checked statically: they parse, every image is pinned, every VIGIL_* variable names a real option of the
 * command the container runs, and the health checks and probes ask the web server's health endpoints.
 */
class DeploymentFilesTest {

    private static final Path REPO =
            Path.of(System.getProperty("vigil.repo.root", "..")).toAbsolutePath();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> ENV_WITHOUT_OPTION =
            Set.of("VIGIL_LOG_FORMAT", "VIGIL_LOG_LEVEL", "VIGIL_CONFIG", "VIGIL_JAVA_OPTS");
    private static final Pattern PINNED =
            Pattern.compile("[^:@\\s]+(:(?!latest$)[\\w.-]*\\d[\\w.-]*|@sha256:[0-9a-f]{64})");

    @Test
    void composeFileParsesPinsEveryImageAndUsesOnlyRealOptions() throws Exception {
        JsonNode services =
                YAML.readTree(REPO.resolve("docker-compose.yml").toFile()).get("services");
        assertThat(services.fieldNames())
                .toIterable()
                .contains("kafka", "schema-registry", "camera", "vigil-ingest", "vigil-detect");
        services.fields().forEachRemaining(service -> {
            JsonNode s = service.getValue();
            assertThat(s.path("image").asText())
                    .as("image of %s", service.getKey())
                    .matches(PINNED);
            if (s.has("command") && s.path("image").asText().startsWith("vigil/")) {
                String command = s.get("command").get(0).asText();
                List<String> env = new ArrayList<>();
                s.path("environment").fieldNames().forEachRemaining(env::add);
                assertEnvNamesOptionsOf(command, env, "compose service " + service.getKey());
                assertComposeHealthCheckAsksReadinessOnTheWebPort(service.getKey(), s);
            }
        });
    }

    /** ingest and detect serve health on VIGIL_WEB_PORT, reachable from outside their loopback; compose asks it. */
    private static void assertComposeHealthCheckAsksReadinessOnTheWebPort(String name, JsonNode service) {
        JsonNode env = service.path("environment");
        assertThat(env.path("VIGIL_WEB_HOST").asText())
                .as("%s listens beyond loopback", name)
                .isEqualTo("0.0.0.0");
        String port = env.path("VIGIL_WEB_PORT").asText();
        assertThat(port).as("%s serves its web port", name).matches("\\d+");
        List<String> test = new ArrayList<>();
        service.path("healthcheck").path("test").forEach(t -> test.add(t.asText()));
        assertThat(test).as("%s health check", name).contains("http://127.0.0.1:" + port + WebServer.READY);
    }

    @Test
    void dockerfilesPinTheirBaseImages() throws Exception {
        for (String dockerfile : List.of("deploy/Dockerfile", "deploy/Dockerfile.cuda")) {
            List<String> froms = Files.readAllLines(REPO.resolve(dockerfile)).stream()
                    .filter(l -> l.startsWith("FROM "))
                    .toList();
            assertThat(froms).as(dockerfile).isNotEmpty();
            for (String from : froms) {
                assertThat(from.split("\\s+")[1]).as("%s: %s", dockerfile, from).matches(PINNED);
            }
        }
    }

    @Test
    void kubernetesManifestsParseAndDetectGetsOneGpuPerPod() throws Exception {
        List<JsonNode> docs = kubernetesDocuments();
        Set<String> configMapEnv = configMapData(docs).keySet();
        List<JsonNode> deployments = ofKind(docs, "Deployment");
        assertThat(deployments)
                .extracting(d -> d.path("metadata").path("name").asText())
                .contains("vigil-detect", "vigil-ingest");
        for (JsonNode deployment : deployments) {
            for (JsonNode container :
                    deployment.path("spec").path("template").path("spec").path("containers")) {
                assertThat(container.path("image").asText()).matches(PINNED);
                String command = container.path("args").get(0).asText();
                List<String> env = new ArrayList<>(configMapEnv);
                container.path("env").forEach(e -> env.add(e.path("name").asText()));
                assertEnvNamesOptionsOf(
                        command,
                        env,
                        "deployment " + deployment.path("metadata").path("name").asText());
                assertProbesUseTheHealthEndpoints(container, env);
                if (command.equals("detect")) {
                    assertThat(container
                                    .path("resources")
                                    .path("limits")
                                    .path("nvidia.com/gpu")
                                    .asInt())
                            .isEqualTo(1);
                }
            }
        }
    }

    /**
     * The KEDA ScaledObject scales the Deployment that runs detect, on the lag of detect's own consumer group on its
     * own frames topic at the brokers the ConfigMap names, never beyond the partitions Vigil creates.
     */
    @Test
    void detectScalesOnItsConsumerLagWithinThePartitions() throws Exception {
        List<JsonNode> docs = kubernetesDocuments();
        Map<String, String> config = configMapData(docs);
        List<JsonNode> scaledObjects = ofKind(docs, "ScaledObject");
        assertThat(scaledObjects).hasSize(1);
        JsonNode scaled = scaledObjects.get(0);
        assertThat(scaled.path("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
        String target = scaled.at("/spec/scaleTargetRef/name").asText();
        JsonNode deployment = ofKind(docs, "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asText().equals(target))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + target + " to scale"));
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.path("args").get(0).asText())
                .as("the scaled deployment runs")
                .isEqualTo("detect");
        Map<String, String> env = new HashMap<>(config);
        container
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));

        List<JsonNode> triggers = new ArrayList<>();
        scaled.at("/spec/triggers").forEach(triggers::add);
        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0).path("type").asText()).isEqualTo("kafka");
        JsonNode kafka = triggers.get(0).path("metadata");
        assertThat(kafka.path("consumerGroup").asText())
                .as("detect's application id is its consumer group")
                .isEqualTo(env.getOrDefault("VIGIL_APPLICATION_ID", DetectSettings.DEFAULT_APPLICATION_ID));
        assertThat(kafka.path("topic").asText())
                .as("detect's frames topic")
                .isEqualTo(env.getOrDefault("VIGIL_FRAMES_TOPIC", Topics.FRAMES));
        assertThat(kafka.path("bootstrapServers").asText()).isEqualTo(env.get("VIGIL_BOOTSTRAP_SERVERS"));
        assertThat(Integer.parseInt(kafka.path("lagThreshold").asText())).isPositive();
        assertThat(kafka.path("allowIdleConsumers").asText()).isEqualTo("false");

        int partitions = Integer.parseInt(
                env.getOrDefault("VIGIL_PARTITIONS", String.valueOf(TopicSettings.DEFAULT_PARTITIONS)));
        int min = scaled.at("/spec/minReplicaCount").asInt();
        int max = scaled.at("/spec/maxReplicaCount").asInt();
        assertThat(min).as("minReplicaCount").isPositive();
        assertThat(max)
                .as("maxReplicaCount: a pod beyond the %d partitions would sit idle", partitions)
                .isBetween(min, partitions);
    }

    private static List<JsonNode> kubernetesDocuments() throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(REPO.resolve("deploy/k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                try (MappingIterator<JsonNode> it =
                        YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
                    docs.addAll(it.readAll());
                }
            }
        }
        return docs;
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static Map<String, String> configMapData(List<JsonNode> docs) {
        Map<String, String> data = new HashMap<>();
        ofKind(docs, "ConfigMap")
                .forEach(d -> d.path("data")
                        .fields()
                        .forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText())));
        return data;
    }

    /** Liveness and readiness probes on the container's web port, which listens beyond the pod's loopback. */
    private static void assertProbesUseTheHealthEndpoints(JsonNode container, List<String> envNames) {
        Map<String, String> env = new HashMap<>();
        container
                .path("env")
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        String name = container.path("name").asText();
        assertThat(env.get("VIGIL_WEB_HOST"))
                .as("%s listens beyond loopback", name)
                .isEqualTo("0.0.0.0");
        String portName = null;
        for (JsonNode port : container.path("ports")) {
            if (String.valueOf(port.path("containerPort").asInt()).equals(env.get("VIGIL_WEB_PORT"))) {
                portName = port.path("name").asText();
            }
        }
        assertThat(portName)
                .as("%s declares its VIGIL_WEB_PORT as a container port", name)
                .isNotNull();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo(WebServer.LIVE);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(WebServer.READY);
        assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo(portName);
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo(portName);
        assertThat(envNames).contains("VIGIL_WEB_PORT");
    }

    private static void assertEnvNamesOptionsOf(String command, List<String> env, String where) {
        CommandLine sub = VigilCli.commandLine(new String[0]).getSubcommands().get(command);
        assertThat(sub)
                .as("%s runs a vigil command that exists: %s", where, command)
                .isNotNull();
        Set<String> known = new HashSet<>(ENV_WITHOUT_OPTION);
        for (OptionSpec option : sub.getCommandSpec().options()) {
            ConfigDefaultProvider.keys(option).forEach(key -> known.add(ConfigDefaultProvider.envName(key)));
        }
        for (String name : env) {
            if (name.startsWith(ConfigDefaultProvider.ENV_PREFIX)) {
                assertThat(known)
                        .as("%s sets %s, which must be an option of 'vigil %s'", where, name, command)
                        .contains(name);
            }
        }
    }
}
