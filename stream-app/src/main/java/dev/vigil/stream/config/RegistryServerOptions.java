package dev.vigil.stream.config;

import dev.vigil.schemas.registry.BasicCredentials;
import dev.vigil.schemas.registry.KeyStoreFile;
import dev.vigil.schemas.registry.server.RegistryLimits;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.RegistryTls;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import picocli.CommandLine.Option;

/**
 * How {@code vigil infra}'s schema registry guards itself (a picocli mixin): basic auth, HTTPS with the settings
 * Confluent's registry has ({@code ssl.keystore.*}, {@code ssl.truststore.*}, {@code ssl.client.authentication}),
 * and its request limits. Each option also reads {@code VIGIL_<OPTION>} and the {@code --config} file (keys like
 * {@code registry.ssl.keystore.location}); give secrets that way rather than on the command line.
 */
public final class RegistryServerOptions {

    @Option(
            names = "--registry-basic-auth-user-info",
            paramLabel = "USER:PASSWORD",
            description = "Require these basic-auth credentials on every registry request (env "
                    + "VIGIL_REGISTRY_BASIC_AUTH_USER_INFO). Clients send them as basic.auth.user.info; Vigil's "
                    + "commands take --schema-registry-basic-auth-user-info. Default: none required.")
    private String basicAuthUserInfo;

    @Option(
            names = "--registry-ssl-keystore-location",
            paramLabel = "FILE",
            description = "Serve the registry over HTTPS with the key and certificate in this key store.")
    private Path keyStoreLocation;

    @Option(
            names = "--registry-ssl-keystore-password",
            paramLabel = "PASSWORD",
            description = "Password of the key store.")
    private String keyStorePassword;

    @Option(names = "--registry-ssl-keystore-type", paramLabel = "TYPE", description = "JKS (default) or PKCS12.")
    private String keyStoreType;

    @Option(
            names = "--registry-ssl-key-password",
            paramLabel = "PASSWORD",
            description = "Password of the key, when it differs from the key store's.")
    private String keyPassword;

    @Option(
            names = "--registry-ssl-truststore-location",
            paramLabel = "FILE",
            description = "Trust store for client certificates (with --registry-ssl-client-authentication).")
    private Path trustStoreLocation;

    @Option(
            names = "--registry-ssl-truststore-password",
            paramLabel = "PASSWORD",
            description = "Password of the trust store.")
    private String trustStorePassword;

    @Option(names = "--registry-ssl-truststore-type", paramLabel = "TYPE", description = "JKS (default) or PKCS12.")
    private String trustStoreType;

    @Option(
            names = "--registry-ssl-client-authentication",
            paramLabel = "MODE",
            defaultValue = "NONE",
            description = "Client certificates: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private RegistryTls.ClientAuthentication clientAuthentication;

    @Option(
            names = "--registry-max-request-bytes",
            paramLabel = "BYTES",
            defaultValue = "" + RegistryLimits.DEFAULT_MAX_REQUEST_BYTES,
            description = "Largest request body the registry reads; larger ones get HTTP 413. "
                    + "Default: ${DEFAULT-VALUE} (as Confluent's registry).")
    private long maxRequestBytes;

    @Option(
            names = "--registry-max-concurrent-requests",
            paramLabel = "N",
            defaultValue = "" + RegistryLimits.DEFAULT_MAX_CONCURRENT_REQUESTS,
            description = "Requests the registry handles at once; up to "
                    + RegistryLimits.DEFAULT_MAX_QUEUED_REQUESTS + " more wait up to "
                    + RegistryLimits.DEFAULT_MAX_QUEUE_WAIT_SECONDS + " s, the rest get HTTP 503. "
                    + "Default: ${DEFAULT-VALUE}.")
    private int maxConcurrentRequests;

    /**
     * The registry's settings on {@code host}:{@code port}.
     *
     * @throws IllegalArgumentException naming the option when the options do not fit together
     */
    public RegistryServerConfig config(String host, int port) {
        RegistryServerConfig config = RegistryServerConfig.defaults()
                .withHost(host)
                .withPort(port)
                .withLimits(RegistryLimits.defaults()
                        .withMaxRequestBytes(maxRequestBytes)
                        .withMaxConcurrentRequests(maxConcurrentRequests));
        if (basicAuthUserInfo != null) {
            config = config.withBasicAuth(BasicCredentials.parse(basicAuthUserInfo, "--registry-basic-auth-user-info"));
        }
        Optional<RegistryTls> tls = tls();
        return tls.isPresent() ? config.withTls(tls.get()) : config;
    }

    private Optional<RegistryTls> tls() {
        if (keyStoreLocation == null) {
            if (keyStorePassword != null
                    || keyPassword != null
                    || trustStoreLocation != null
                    || clientAuthentication != RegistryTls.ClientAuthentication.NONE) {
                throw new IllegalArgumentException(
                        "The registry's TLS options need --registry-ssl-keystore-location (its key and certificate)");
            }
            return Optional.empty();
        }
        return Optional.of(new RegistryTls(
                new KeyStoreFile(keyStoreLocation, password(keyStorePassword), keyStoreType),
                Optional.ofNullable(keyPassword).map(Password::new),
                Optional.ofNullable(trustStoreLocation)
                        .map(location -> new KeyStoreFile(location, password(trustStorePassword), trustStoreType)),
                clientAuthentication));
    }

    private static Password password(String value) {
        return new Password(value == null ? "" : value);
    }
}
