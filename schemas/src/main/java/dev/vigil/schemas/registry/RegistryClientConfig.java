package dev.vigil.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of {@link RestSchemaRegistryClient}, read from Kafka-style properties with Confluent's
 * key names where Confluent has one: the URLs, basic auth ({@code basic.auth.credentials.source},
 * {@code basic.auth.user.info}), TLS ({@code schema.registry.ssl.truststore.*}, {@code
 * schema.registry.ssl.keystore.*}, {@code schema.registry.ssl.key.password}), timeouts and retries.
 * Passwords are Kafka {@link Password}s: never printed. Host names are always verified against the
 * registry's certificate.
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
    /** Certificates an {@code https} registry's certificate is checked against; the JDK's CAs when unset. */
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";

    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    /** {@code JKS} (default) or {@code PKCS12}. */
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    /** The client's own key and certificate, for a registry that asks for client certificates. */
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";

    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    /** {@code JKS} (default) or {@code PKCS12}. */
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    /** The password of the key in the key store, when it differs from the store's. */
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

    /** Credentials from {@link #BASIC_AUTH_USER_INFO}. */
    public static final String SOURCE_USER_INFO = "USER_INFO";
    /** Credentials from the user info of the registry URL. */
    public static final String SOURCE_URL = "URL";

    private static final Pattern URL_CREDENTIALS = Pattern.compile("://[^/@,]*@");

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
                    "Largest back-off.")
            .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, "Trust store for https.")
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Trust store password.")
            .define(SSL_TRUSTSTORE_TYPE, Type.STRING, KeyStoreFile.DEFAULT_TYPE, Importance.LOW, "Trust store type.")
            .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM, "Client key store for https.")
            .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Key store password.")
            .define(SSL_KEYSTORE_TYPE, Type.STRING, KeyStoreFile.DEFAULT_TYPE, Importance.LOW, "Key store type.")
            .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Key password.");

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

    /** {@code urls} (comma-separated) with any {@code user:password@} replaced by {@code ***@}, for messages. */
    public static String redactCredentials(String urls) {
        return URL_CREDENTIALS.matcher(urls).replaceAll("://***@");
    }

    /**
     * {@code user:password} for basic auth, from the configured source; empty for none.
     *
     * @throws ConfigException when the source is {@code USER_INFO} and no user info is set
     */
    public Optional<String> basicAuthUserInfo() {
        if (SOURCE_USER_INFO.equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
            if (userInfo == null || userInfo.value().isEmpty()) {
                throw new ConfigException(BASIC_AUTH_CREDENTIALS_SOURCE + " is " + SOURCE_USER_INFO + " but "
                        + BASIC_AUTH_USER_INFO + " (user:password) is not set");
            }
            return Optional.of(userInfo.value());
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

    /**
     * The TLS context for {@code https} registries when a trust store or key store is configured; empty means the
     * JDK's default (its CAs, no client certificate).
     *
     * @throws IllegalArgumentException naming the file and setting when a store cannot be read
     */
    public Optional<SSLContext> sslContext() {
        Optional<KeyStoreFile> trustStore =
                store(SSL_TRUSTSTORE_LOCATION, SSL_TRUSTSTORE_PASSWORD, SSL_TRUSTSTORE_TYPE);
        Optional<KeyStoreFile> keyStore = store(SSL_KEYSTORE_LOCATION, SSL_KEYSTORE_PASSWORD, SSL_KEYSTORE_TYPE);
        if (trustStore.isEmpty() && keyStore.isEmpty()) {
            return Optional.empty();
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keyStore.map(this::keyManagers).orElse(null),
                    trustStore.map(RegistryClientConfig::trustManagers).orElse(null),
                    null);
            return Optional.of(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM offers no TLS: " + e, e);
        }
    }

    private KeyManager[] keyManagers(KeyStoreFile keyStore) {
        Password keyPassword = getPassword(SSL_KEY_PASSWORD);
        char[] password = (keyPassword != null ? keyPassword : keyStore.password())
                .value()
                .toCharArray();
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore.load(SSL_KEYSTORE_LOCATION), password);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot use the key in " + keyStore.location() + " (" + SSL_KEYSTORE_LOCATION + "; is "
                            + SSL_KEY_PASSWORD + " right?): " + e,
                    e);
        }
    }

    private static TrustManager[] trustManagers(KeyStoreFile trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore.load(SSL_TRUSTSTORE_LOCATION));
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot use the trust store " + trustStore.location() + " (" + SSL_TRUSTSTORE_LOCATION + "): " + e,
                    e);
        }
    }

    private Optional<KeyStoreFile> store(String location, String password, String type) {
        String path = getString(location);
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new KeyStoreFile(Path.of(path), getPassword(password), getString(type)));
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
