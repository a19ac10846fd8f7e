package dev.vigil.schemas.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.schemas.compat.CompatibilityLevel;
import dev.vigil.schemas.registry.api.CompatibilityCheckResponse;
import dev.vigil.schemas.registry.api.CompatibilityConfig;
import dev.vigil.schemas.registry.api.CompatibilityUpdate;
import dev.vigil.schemas.registry.api.ErrorCodes;
import dev.vigil.schemas.registry.api.ErrorResponse;
import dev.vigil.schemas.registry.api.RegisteredSchema;
import dev.vigil.schemas.registry.api.RegistryJson;
import dev.vigil.schemas.registry.api.SchemaIdResponse;
import dev.vigil.schemas.registry.api.SchemaRequest;
import dev.vigil.schemas.registry.api.SchemaResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistry} over the Confluent Schema Registry REST API (JDK {@link HttpClient}).
 * Connection errors and HTTP 5xx answers are retried with exponential back-off, across the
 * configured URLs in turn; 4xx answers fail at once. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final TypeReference<List<Integer>> INTEGER_LIST = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private final RegistryClientConfig config;
    private final List<URI> baseUrls;
    private final Optional<String> authorization;
    private final HttpClient http;

    /** A client with the given settings. */
    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this.config = config;
        this.baseUrls = config.baseUrls();
        this.authorization = config.basicAuthUserInfo()
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.http =
                HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    }

    /** A client of the registry at {@code url} with default settings. */
    public static RestSchemaRegistryClient forUrl(String url) {
        return new RestSchemaRegistryClient(RegistryClientConfig.forUrl(url));
    }

    @Override
    public int register(String subject, String schema) {
        return send(
                        "POST",
                        "/subjects/" + segment(subject) + "/versions",
                        SchemaRequest.avro(schema),
                        SchemaIdResponse.class)
                .id();
    }

    @Override
    public RegisteredSchema lookup(String subject, String schema) {
        return send("POST", "/subjects/" + segment(subject), SchemaRequest.avro(schema), RegisteredSchema.class);
    }

    @Override
    public String schemaById(int id) {
        return send("GET", "/schemas/ids/" + id, null, SchemaResponse.class).schema();
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        return send("GET", "/subjects/" + segment(subject) + "/versions/latest", null, RegisteredSchema.class);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return send("GET", "/subjects/" + segment(subject) + "/versions/" + version, null, RegisteredSchema.class);
    }

    @Override
    public List<Integer> versions(String subject) {
        return send("GET", "/subjects/" + segment(subject) + "/versions", null, INTEGER_LIST);
    }

    @Override
    public List<String> subjects() {
        return send("GET", "/subjects", null, STRING_LIST);
    }

    @Override
    public boolean isCompatible(String subject, String version, String schema) {
        return send(
                        "POST",
                        "/compatibility/subjects/" + segment(subject) + "/versions/" + segment(version),
                        SchemaRequest.avro(schema),
                        CompatibilityCheckResponse.class)
                .isCompatible();
    }

    @Override
    public CompatibilityLevel compatibility() {
        return level(send("GET", "/config", null, CompatibilityConfig.class).compatibilityLevel());
    }

    @Override
    public Optional<CompatibilityLevel> compatibility(String subject) {
        try {
            return Optional.of(level(send("GET", "/config/" + segment(subject), null, CompatibilityConfig.class)
                    .compatibilityLevel()));
        } catch (RegistryException e) {
            if (e.errorCode() == ErrorCodes.SUBJECT_COMPATIBILITY_NOT_CONFIGURED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void setCompatibility(CompatibilityLevel level) {
        send("PUT", "/config", new CompatibilityUpdate(level.name()), CompatibilityUpdate.class);
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        send("PUT", "/config/" + segment(subject), new CompatibilityUpdate(level.name()), CompatibilityUpdate.class);
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        String query = permanent ? "?permanent=true" : "";
        return send("DELETE", "/subjects/" + segment(subject) + query, null, INTEGER_LIST);
    }

    private <T> T send(String method, String path, Object body, Class<T> answer) {
        return send(method, path, body, json -> RegistryJson.read(json, answer));
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> answer) {
        return send(method, path, body, json -> RegistryJson.read(json, answer));
    }

    private <T> T send(String method, String path, Object body, AnswerParser<T> parser) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(RegistryJson.write(body));
        RegistryException lastRefusal = null;
        Exception lastTransportError = null;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) {
                pause(attempt - 1, method, path);
            }
            URI url = URI.create(baseUrls.get(attempt % baseUrls.size()) + path);
            try {
                HttpResponse<byte[]> response =
                        http.send(request(method, url, publisher), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() / 100 == 2) {
                    return parseAnswer(parser, response, url);
                }
                lastRefusal = refusal(response);
                if (response.statusCode() < 500) {
                    throw lastRefusal;
                }
                LOG.warn("{} {} answered {}; retrying", method, url, response.statusCode());
            } catch (IOException e) {
                lastTransportError = e;
                lastRefusal = null;
                LOG.warn("{} {} failed: {}; retrying", method, url, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("Interrupted during " + method + " " + url, e);
            }
        }
        if (lastRefusal != null) {
            throw lastRefusal;
        }
        throw new RegistryUnavailableException(
                String.format(
                        "Schema registry unreachable at %s: %s %s failed %d times, last error: %s",
                        baseUrls, method, path, config.maxRetries() + 1, lastTransportError),
                lastTransportError);
    }

    private HttpRequest request(String method, URI url, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(config.requestTimeout())
                .header("Accept", RegistryJson.ACCEPT)
                .header("Content-Type", RegistryJson.CONTENT_TYPE)
                .method(method, body);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private void pause(int retry, String method, String path) {
        try {
            Thread.sleep(config.backoff().delay(retry).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("Interrupted while retrying " + method + " " + path, e);
        }
    }

    private static <T> T parseAnswer(AnswerParser<T> parser, HttpResponse<byte[]> response, URI url) {
        try {
            return parser.parse(response.body());
        } catch (IOException e) {
            throw new RegistryException(
                    response.statusCode(),
                    RegistryException.UNKNOWN_ERROR_CODE,
                    "Unexpected answer from " + url + ": " + new String(response.body(), StandardCharsets.UTF_8),
                    e);
        }
    }

    private static RegistryException refusal(HttpResponse<byte[]> response) {
        try {
            ErrorResponse error = RegistryJson.read(response.body(), ErrorResponse.class);
            if (error.message() != null) {
                return new RegistryException(response.statusCode(), error.errorCode(), error.message());
            }
        } catch (IOException e) {
            // Not Confluent's error JSON (a proxy page, an empty 401): report the raw body below.
        }
        return new RegistryException(
                response.statusCode(),
                RegistryException.UNKNOWN_ERROR_CODE,
                "Unknown schema registry error: " + new String(response.body(), StandardCharsets.UTF_8));
    }

    private static CompatibilityLevel level(String name) {
        return CompatibilityLevel.parse(name)
                .orElseThrow(() -> new RegistryException(
                        200, RegistryException.UNKNOWN_ERROR_CODE, "Unknown compatibility " + name));
    }

    /** Encodes one path segment (a subject may hold any character). */
    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @FunctionalInterface
    private interface AnswerParser<T> {
        T parse(byte[] json) throws IOException;
    }
}
