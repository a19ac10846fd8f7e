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
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SchemaRegistry} over the Confluent Schema Registry REST API (JDK {@link HttpClient}), over
 * http or https, with basic auth and TLS as configured ({@link RegistryClientConfig}).
 *
 * <p>Connection errors, timeouts and answers that mean "down or busy" (5xx, 429, 408) are retried
 * with exponential back-off across the configured URLs in turn; when every try failed the client
 * throws {@link RegistryUnavailableException} (transient). Other answers (4xx) fail at once with
 * {@link RegistryException}, as does a TLS handshake that fails (an untrusted certificate). The
 * Authorization header is never logged nor put in a message. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final TypeReference<List<Integer>> INTEGER_LIST = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
    /** Largest answer read: schemas are kilobytes. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    /** How much of an unexpected answer an error message quotes. */
    private static final int MAX_EXCERPT_BYTES = 300;

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
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(config.connectTimeout());
        config.sslContext().ifPresent(http::sslContext);
        this.http = http.build();
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
        int attempts = config.maxRetries() + 1;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                pause(attempt - 1, method, path);
            }
            URI url = URI.create(baseUrls.get(attempt % baseUrls.size()) + path);
            try {
                HttpResponse<InputStream> response =
                        http.send(request(method, url, publisher), HttpResponse.BodyHandlers.ofInputStream());
                byte[] answer = readAnswer(response, url);
                if (response.statusCode() / 100 == 2) {
                    return parseAnswer(parser, response.statusCode(), answer, url);
                }
                lastRefusal = refusal(response.statusCode(), answer, url);
                if (!RegistryUnavailableException.isTransientStatus(response.statusCode())) {
                    throw lastRefusal;
                }
                LOG.warn("{} {} answered {}; retrying", method, url, response.statusCode());
            } catch (SSLHandshakeException e) {
                throw tlsRefusal(url, e);
            } catch (IOException e) {
                lastTransportError = e;
                lastRefusal = null;
                LOG.warn("{} {} failed: {}; retrying", method, url, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("Interrupted during " + method + " " + url, e);
            }
        }
        String failed = method + " " + path + " failed " + attempts + " times";
        if (lastRefusal != null) {
            throw new RegistryUnavailableException(
                    "Schema registry unavailable at " + baseUrls + ": " + failed + ", last answer: "
                            + lastRefusal.getMessage(),
                    lastRefusal.status(),
                    lastRefusal.errorCode(),
                    lastRefusal.registryMessage());
        }
        throw new RegistryUnavailableException(
                "Schema registry unreachable at " + baseUrls + ": " + failed + ", last error: "
                        + describe(lastTransportError),
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

    /** The answer's body, refused past {@link #MAX_ANSWER_BYTES}: a registry's answer is data from the wire too. */
    private static byte[] readAnswer(HttpResponse<InputStream> response, URI url) throws IOException {
        try (InputStream in = response.body()) {
            byte[] answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (answer.length > MAX_ANSWER_BYTES) {
                throw new RegistryException(
                        response.statusCode(),
                        RegistryException.UNKNOWN_ERROR_CODE,
                        "The answer from " + url + " is larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            return answer;
        }
    }

    private static <T> T parseAnswer(AnswerParser<T> parser, int status, byte[] answer, URI url) {
        try {
            return parser.parse(answer);
        } catch (IOException e) {
            throw new RegistryException(
                    status,
                    RegistryException.UNKNOWN_ERROR_CODE,
                    "Unexpected answer from " + url + ": " + excerpt(answer),
                    e);
        }
    }

    private RegistryException refusal(int status, byte[] answer, URI url) {
        String message = null;
        int errorCode = RegistryException.UNKNOWN_ERROR_CODE;
        try {
            ErrorResponse error = RegistryJson.read(answer, ErrorResponse.class);
            message = error.message();
            errorCode = error.errorCode();
        } catch (IOException e) {
            // Not Confluent's error JSON (a proxy page, an empty 401): report the raw body below.
        }
        if (message == null) {
            message = "Unknown schema registry error from " + url + ": " + excerpt(answer);
        }
        if (status == 401 || status == 403) {
            message += authenticationHint(url);
        }
        return new RegistryException(status, errorCode, message);
    }

    private String authenticationHint(URI url) {
        return authorization.isPresent()
                ? "; the registry at " + url.getScheme() + "://" + url.getAuthority() + " refused the configured "
                        + RegistryClientConfig.BASIC_AUTH_USER_INFO
                : "; the registry at " + url.getScheme() + "://" + url.getAuthority() + " needs credentials: set "
                        + RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE + "="
                        + RegistryClientConfig.SOURCE_USER_INFO + " and " + RegistryClientConfig.BASIC_AUTH_USER_INFO
                        + "=USER:PASSWORD";
    }

    /** A TLS handshake that failed: a certificate or protocol mismatch, which retrying does not mend. */
    private static RegistryException tlsRefusal(URI url, SSLHandshakeException e) {
        String where = url.getScheme() + "://" + url.getAuthority();
        String cause = rootMessage(e);
        String advice = hasCause(e, CertificateException.class)
                ? "the registry's certificate is not trusted by this client or does not name the host " + url.getHost()
                        + " (give its CA in " + RegistryClientConfig.SSL_TRUSTSTORE_LOCATION + ")"
                : "check the schema.registry.ssl.* settings (a registry that requires client certificates needs "
                        + RegistryClientConfig.SSL_KEYSTORE_LOCATION + ")";
        return new RegistryException(
                RegistryUnavailableException.NO_RESPONSE,
                RegistryException.UNKNOWN_ERROR_CODE,
                "TLS handshake with the schema registry at " + where + " failed: " + advice + ": " + cause,
                e);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** The failure and, when it says little, its root cause: "ConnectException (ClosedChannelException)". */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + " (" + root + ")";
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static String excerpt(byte[] answer) {
        String text = new String(answer, 0, Math.min(answer.length, MAX_EXCERPT_BYTES), StandardCharsets.UTF_8);
        return answer.length > MAX_EXCERPT_BYTES ? text + "..." : text;
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
