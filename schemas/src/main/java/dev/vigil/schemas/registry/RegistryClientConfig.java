package dev.vigil.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of {@link RestSchemaRegistryClient}, read from Kafka-style properties with Confluent's
 * key names where Confluent has one.
 */
public final class RegistryClientConfig extends AbstractConfig {

    /** Comma-separated base URLs of the registry; tried in turn when one is unreachable. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Where basic-auth credentials come from: {@code USER_INFO} or {@code URL} (user:pw@host). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} when the credentials source is {@code USER_INFO}. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** TCP connect timeout. */
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    /** Timeout of one HTTP request, from sending to the whole answer. */
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    /** Retries after a connection error or an HTTP 5xx (never after a 4xx). */
    public static final String MAX_RETRIES = "schema.registry.max.retries";
    /** Wait before the first retry; doubled for each further one. */
    public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";
    /** Upper bound of the wait between retries. */
    public static final String RETRY_BACKOFF_MAX_MS = "schema.registry.retry.backoff.max.ms";

    /** Credentials from {@link #BASIC_AUTH_USER_INFO}. */
    public static final String SOURCE_USER_INFO = "USER_INFO";
    /** Credentials from the user info of the registry URL. */
    public static final String SOURCE_URL = "URL";

    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final long DEFAULT_RETRY_BACKOFF_MS = 1_000;
    public static final long DEFAULT_RETRY_BACKOFF_MAX_MS = 20_000;

    /** The client's keys; the serde configs extend it. */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, "", Importance.HIGH, "Schema registry base URLs.")
            .define(
                    BASIC_AUTH_CREDENTIALS_SOURCE,
                    Type.STRING,
                    SOURCE_URL,
                    ConfigDef.ValidString.in(SOURCE_URL, SOURCE_USER_INFO),
                    Importance.MEDIUM,
                    "Source of basic-auth credentials: URL or USER_INFO.")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM, "user:password for basic auth.")
            .define(
                    CONNECT_TIMEOUT_MS,
                    Type.LONG,
                    DEFAULT_CONNECT_TIMEOUT_MS,
                    ConfigDef.Range.atLeast(1),
                    Importance.LOW,
                    "Connect timeout.")
            .define(
                    REQUEST_TIMEOUT_MS,
                    Type.LONG,
                    DEFAULT_REQUEST_TIMEOUT_MS,
                    ConfigDef.Range.atLeast(1),
                    Importance.LOW,
                    "Request timeout.")
            .define(
                    MAX_RETRIES,
                    Type.INT,
                    DEFAULT_MAX_RETRIES,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "Retries on connection errors and 5xx.")
            .define(
                    RETRY_BACKOFF_MS,
                    Type.LONG,
                    DEFAULT_RETRY_BACKOFF_MS,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "First back-off.")
            .define(
                    RETRY_BACKOFF_MAX_MS,
                    Type.LONG,
                    DEFAULT_RETRY_BACKOFF_MAX_MS,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "Largest back-off.");

    /** Reads the client settings from {@code configs}; unknown keys are ignored. */
    public RegistryClientConfig(Map<String, ?> configs) {
        super(CONFIG_DEF, configs, false);
    }

    /** Settings for {@code url} with every other key at its default. */
    public static RegistryClientConfig forUrl(String url) {
        return new RegistryClientConfig(Map.of(SCHEMA_REGISTRY_URL, url));
    }

    /** Base URLs, without user info, in the order given. */
    public List<URI> baseUrls() {
        List<URI> urls = new ArrayList<>();
        for (String url : getList(SCHEMA_REGISTRY_URL)) {
            URI uri = parse(url);
            urls.add(withoutUserInfo(uri));
        }
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, "", "at least one URL is required");
        }
        return urls;
    }

    /** {@code user:password} for basic auth, from the configured source; empty for none. */
    public Optional<String> basicAuthUserInfo() {
        if (SOURCE_USER_INFO.equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            return Optional.ofNullable(getPassword(BASIC_AUTH_USER_INFO)).map(p -> p.value());
        }
        return getList(SCHEMA_REGISTRY_URL).stream()
                .map(RegistryClientConfig::parse)
                .map(URI::getRawUserInfo)
                .filter(info -> info != null && !info.isEmpty())
                .findFirst()
                .map(info -> java.net.URLDecoder.decode(info, java.nio.charset.StandardCharsets.UTF_8));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getLong(CONNECT_TIMEOUT_MS));
    }

    public Duration requestTimeout() {
        return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS));
    }

    /** How many times a failed request is retried. */
    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    /** Back-off between retries. */
    public ExponentialBackoff backoff() {
        return new ExponentialBackoff(
                Duration.ofMillis(getLong(RETRY_BACKOFF_MS)), Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS)));
    }

    private static URI parse(String url) {
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, e.getMessage());
        }
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, uri.toString(), e.getMessage());
        }
    }
}
