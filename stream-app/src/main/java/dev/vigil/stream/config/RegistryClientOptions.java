package dev.vigil.stream.config;

import dev.vigil.schemas.registry.RegistryClientConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How a command authenticates to the schema registry and checks its certificate (a picocli mixin): basic auth and
 * Confluent's client TLS settings. In a {@code --config} file the keys are Confluent's own ({@code
 * schema.registry.ssl.truststore.location}, ...), so a Confluent client properties file works as it is; each option
 * also reads {@code VIGIL_<OPTION>}. Secrets are better given by environment or file than on a command line, which
 * other users of the machine can see.
 */
public final class RegistryClientOptions {

    @Option(
            names = "--schema-registry-basic-auth-user-info",
            paramLabel = "USER:PASSWORD",
            description = "Credentials for a registry that requires basic auth (env "
                    + "VIGIL_SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, config key schema.registry.basic.auth.user.info).")
    private String basicAuthUserInfo;

    @Option(
            names = "--schema-registry-ssl-truststore-location",
            paramLabel = "FILE",
            description = "Trust store with the CA of an https registry (default: the JDK's CAs).")
    private Path trustStoreLocation;

    @Option(
            names = "--schema-registry-ssl-truststore-password",
            paramLabel = "PASSWORD",
            description = "Password of the trust store.")
    private String trustStorePassword;

    @Option(
            names = "--schema-registry-ssl-truststore-type",
            paramLabel = "TYPE",
            description = "JKS (default) or PKCS12.")
    private String trustStoreType;

    @Option(
            names = "--schema-registry-ssl-keystore-location",
            paramLabel = "FILE",
            description = "Key store with this client's certificate, for a registry that requires one.")
    private Path keyStoreLocation;

    @Option(
            names = "--schema-registry-ssl-keystore-password",
            paramLabel = "PASSWORD",
            description = "Password of the key store.")
    private String keyStorePassword;

    @Option(
            names = "--schema-registry-ssl-keystore-type",
            paramLabel = "TYPE",
            description = "JKS (default) or PKCS12.")
    private String keyStoreType;

    @Option(
            names = "--schema-registry-ssl-key-password",
            paramLabel = "PASSWORD",
            description = "Password of the key, when it differs from the key store's.")
    private String keyPassword;

    /** The registry client properties, under Confluent's keys, that the options given set. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        if (basicAuthUserInfo != null) {
            properties.put(RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, RegistryClientConfig.SOURCE_USER_INFO);
            properties.put(RegistryClientConfig.BASIC_AUTH_USER_INFO, basicAuthUserInfo);
        }
        putIfGiven(properties, RegistryClientConfig.SSL_TRUSTSTORE_LOCATION, trustStoreLocation);
        putIfGiven(properties, RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD, trustStorePassword);
        putIfGiven(properties, RegistryClientConfig.SSL_TRUSTSTORE_TYPE, trustStoreType);
        putIfGiven(properties, RegistryClientConfig.SSL_KEYSTORE_LOCATION, keyStoreLocation);
        putIfGiven(properties, RegistryClientConfig.SSL_KEYSTORE_PASSWORD, keyStorePassword);
        putIfGiven(properties, RegistryClientConfig.SSL_KEYSTORE_TYPE, keyStoreType);
        putIfGiven(properties, RegistryClientConfig.SSL_KEY_PASSWORD, keyPassword);
        return properties;
    }

    private static void putIfGiven(Map<String, Object> properties, String key, Object value) {
        if (value != null) {
            properties.put(key, value.toString());
        }
    }
}
