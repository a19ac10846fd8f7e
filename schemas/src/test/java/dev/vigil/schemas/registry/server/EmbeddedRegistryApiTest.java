package dev.vigil.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.compat.CompatibilityLevel;
import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.RestSchemaRegistryClient;
import dev.vigil.schemas.registry.api.ErrorCodes;
import dev.vigil.schemas.registry.api.RegisteredSchema;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Confluent REST contract of the embedded registry, through the REST client and raw HTTP. */
class EmbeddedRegistryApiTest {

    private static final String V1 = "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"t\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String V2_WITH_DEFAULT =
            "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"t\",\"fields\":"
                    + "[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"\"}]}";
    private static final String V2_WITHOUT_DEFAULT =
            "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"t\",\"fields\":"
                    + "[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}]}";

    private InMemorySchemaStore store;
    private EmbeddedSchemaRegistry server;
    private RestSchemaRegistryClient client;

    @BeforeEach
    void start() {
        store = new InMemorySchemaStore();
        server = EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), store);
        client = RestSchemaRegistryClient.forUrl(server.url());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registrationIsIdempotentAndIdsAreGlobal() {
        int id = client.register("s1", V1);
        String reformatted = V1.replace(",", " ,\n ");

        assertThat(client.register("s1", reformatted)).isEqualTo(id);
        assertThat(client.versions("s1")).containsExactly(1);
        assertThat(client.register("s2", V1)).isEqualTo(id);
        assertThat(client.register("s1", V2_WITH_DEFAULT)).isGreaterThan(id);
        assertThat(client.versions("s1")).containsExactly(1, 2);
        assertThat(client.subjects()).containsExactly("s1", "s2");
    }

    @Test
    void versionsLookupAndSchemaById() {
        int id1 = client.register("s", V1);
        int id2 = client.register("s", V2_WITH_DEFAULT);

        RegisteredSchema latest = client.latestVersion("s");
        assertThat(latest.subject()).isEqualTo("s");
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.id()).isEqualTo(id2);
        assertThat(client.version("s", 1).id()).isEqualTo(id1);
        assertThat(client.lookup("s", V1).version()).isEqualTo(1);
        assertThat(client.schemaById(id1))
                .isEqualTo(new org.apache.avro.Schema.Parser().parse(V1).toString());
    }

    @Test
    void missingThingsGiveConfluentNotFoundCodes() {
        client.register("s", V1);

        assertRefused(() -> client.versions("nope"), 404, ErrorCodes.SUBJECT_NOT_FOUND);
        assertRefused(() -> client.version("s", 7), 404, ErrorCodes.VERSION_NOT_FOUND);
        assertRefused(() -> client.schemaById(999), 404, ErrorCodes.SCHEMA_NOT_FOUND);
        assertRefused(() -> client.lookup("s", V2_WITH_DEFAULT), 404, ErrorCodes.SCHEMA_NOT_FOUND);
        assertRefused(() -> client.lookup("nope", V1), 404, ErrorCodes.SUBJECT_NOT_FOUND);
    }

    @Test
    void invalidInputGives422Codes() throws Exception {
        assertRefused(() -> client.register("s", "{\"type\":\"record\""), 422, ErrorCodes.INVALID_SCHEMA);
        assertRefused(
                () -> client.register(
                        "s", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"x\",\"type\":\"nosuch\"}]}"),
                422,
                ErrorCodes.INVALID_SCHEMA);
        client.register("s", V1);
        HttpResponse<String> badVersion = send("GET", "/subjects/s/versions/0", null);
        assertThat(badVersion.statusCode()).isEqualTo(422);
        assertThat(badVersion.body()).contains("\"error_code\":42202");
        HttpResponse<String> badLevel = send("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(badLevel.statusCode()).isEqualTo(422);
        assertThat(badLevel.body()).contains("\"error_code\":42203");
    }

    @Test
    void incompatibleRegistrationGives409WithErrorCode409() {
        client.register("s", V1);

        assertThatThrownBy(() -> client.register("s", V2_WITHOUT_DEFAULT))
                .asInstanceOf(InstanceOfAssertFactories.type(RegistryException.class))
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.registryMessage()).contains("incompatible", "READER_FIELD_MISSING_DEFAULT_VALUE");
                });
        assertThat(client.versions("s")).containsExactly(1);
    }

    @Test
    void compatibilityChecksFollowTheLevels() {
        client.register("s", V1);

        assertThat(client.isCompatible("s", "latest", V2_WITH_DEFAULT)).isTrue();
        assertThat(client.isCompatible("s", "latest", V2_WITHOUT_DEFAULT)).isFalse();
        assertThat(client.isCompatible("never-registered", "latest", V1)).isTrue();
        assertRefused(() -> client.isCompatible("s", "5", V1), 404, ErrorCodes.VERSION_NOT_FOUND);

        client.setCompatibility("s", CompatibilityLevel.NONE);
        assertThat(client.isCompatible("s", "1", V2_WITHOUT_DEFAULT)).isTrue();
        assertThat(client.register("s", V2_WITHOUT_DEFAULT)).isPositive();
    }

    @Test
    void forwardCompatibilityRefusesRemovingAFieldWithoutDefault() {
        client.setCompatibility(CompatibilityLevel.FORWARD);
        client.register("s", V2_WITHOUT_DEFAULT);

        assertThat(client.isCompatible("s", "latest", V1)).isFalse();
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FORWARD);
    }

    @Test
    void compatibilityConfigIsGlobalWithPerSubjectOverrides() throws Exception {
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.compatibility("s")).isEmpty();
        HttpResponse<String> notConfigured = send("GET", "/config/s", null);
        assertThat(notConfigured.statusCode()).isEqualTo(404);
        assertThat(notConfigured.body()).contains("\"error_code\":" + ErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED);
        assertThat(send("GET", "/config/s?defaultToGlobal=true", null).body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        client.setCompatibility("s", CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.compatibility("s")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(send("PUT", "/config", "{\"compatibility\":\"forward\"}").body())
                .isEqualTo("{\"compatibility\":\"FORWARD\"}");
        assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FORWARD);
    }

    @Test
    void softThenPermanentDelete() {
        int id = client.register("s", V1);
        client.register("s", V2_WITH_DEFAULT);

        assertThat(client.deleteSubject("s", false)).containsExactly(1, 2);
        assertThat(client.subjects()).doesNotContain("s");
        assertThat(client.schemaById(id)).isNotEmpty();
        assertRefused(() -> client.deleteSubject("s", false), 404, ErrorCodes.SUBJECT_SOFT_DELETED);

        assertThat(client.deleteSubject("s", true)).containsExactly(1, 2);
        assertRefused(() -> client.deleteSubject("s", true), 404, ErrorCodes.SUBJECT_NOT_FOUND);
        assertRefused(() -> client.schemaById(id), 404, ErrorCodes.SCHEMA_NOT_FOUND);
    }

    @Test
    void permanentDeleteNeedsASoftDeleteFirst() {
        client.register("s", V1);
        assertRefused(() -> client.deleteSubject("s", true), 404, ErrorCodes.SUBJECT_NOT_SOFT_DELETED);
    }

    @Test
    void stateIsRebuiltFromTheStore() {
        int id = client.register("s", V1);
        client.setCompatibility("s", CompatibilityLevel.NONE);
        server.close();

        server = EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), store);
        RestSchemaRegistryClient restarted = RestSchemaRegistryClient.forUrl(server.url());

        assertThat(restarted.register("s", V1)).isEqualTo(id);
        assertThat(restarted.compatibility("s")).contains(CompatibilityLevel.NONE);
        assertThat(restarted.register("t", V2_WITH_DEFAULT)).isEqualTo(id + 1);
    }

    @Test
    void unknownPathsAndMethodsGiveConfluentErrors() throws Exception {
        HttpResponse<String> unknown = send("GET", "/nothing/here", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
        assertThat(send("DELETE", "/config", null).statusCode()).isEqualTo(405);
        assertThat(send("POST", "/subjects/s/versions", "{not json").statusCode())
                .isEqualTo(400);
    }

    @Test
    void subjectsWithSpecialCharactersAreEncoded() {
        int id = client.register("cams/gate 1+2-value", V1);
        assertThat(client.subjects()).containsExactly("cams/gate 1+2-value");
        assertThat(client.latestVersion("cams/gate 1+2-value").id()).isEqualTo(id);
    }

    @Test
    void basicAuthIsEnforcedWhenConfigured() throws Exception {
        try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.start(
                RegistryServerConfig.ephemeral().withBasicAuth("vigil:s3cret"), new InMemorySchemaStore())) {
            RestSchemaRegistryClient anonymous = RestSchemaRegistryClient.forUrl(secured.url());
            assertThatThrownBy(anonymous::subjects)
                    .isInstanceOf(RegistryException.class)
                    .extracting(e -> ((RegistryException) e).status())
                    .isEqualTo(401);
            RestSchemaRegistryClient withUserInfo =
                    new RestSchemaRegistryClient(new dev.vigil.schemas.registry.RegistryClientConfig(java.util.Map.of(
                            "schema.registry.url", secured.url(),
                            "basic.auth.credentials.source", "USER_INFO",
                            "basic.auth.user.info", "vigil:s3cret")));
            assertThat(withUserInfo.subjects()).isEmpty();
            HttpResponse<String> challenge = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(secured.url() + "/subjects"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(challenge.statusCode()).isEqualTo(401);
            assertThat(challenge.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic realm=\"schema-registry\""));
            assertThat(challenge.body()).startsWith("{\"error_code\":401,");
            RestSchemaRegistryClient withUrlCredentials =
                    RestSchemaRegistryClient.forUrl(secured.url().replace("http://", "http://vigil:s3cret@"));
            assertThat(withUrlCredentials.register("s", V1)).isPositive();
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int status, int errorCode) {
        assertThatThrownBy(call)
                .asInstanceOf(InstanceOfAssertFactories.type(RegistryException.class))
                .satisfies(e -> {
                    assertThat(e.status()).as("HTTP status").isEqualTo(status);
                    assertThat(e.errorCode()).as("error_code").isEqualTo(errorCode);
                });
    }
}
