package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.registry.KeyStoreFile;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * HTTPS for the embedded registry, with the settings Confluent's registry has ({@code ssl.keystore.*}, {@code
 * ssl.key.password}, {@code ssl.truststore.*}, {@code ssl.client.authentication}).
 *
 * @param keyStore the server's key and certificate
 * @param keyPassword the key's password when it differs from the key store's
 * @param trustStore the certificates client certificates are checked against; needed unless client
 *     authentication is {@link ClientAuthentication#NONE}
 * @param clientAuthentication whether clients must present a certificate
 */
public record RegistryTls(
        KeyStoreFile keyStore,
        Optional<Password> keyPassword,
        Optional<KeyStoreFile> trustStore,
        ClientAuthentication clientAuthentication) {

    /** Confluent's {@code ssl.client.authentication} values. */
    public enum ClientAuthentication {
        NONE,
        REQUESTED,
        REQUIRED
    }

    public RegistryTls {
        if (keyStore == null) {
            throw new IllegalArgumentException("HTTPS needs a key store with the registry's certificate");
        }
        if (clientAuthentication != ClientAuthentication.NONE && trustStore.isEmpty()) {
            throw new IllegalArgumentException(
                    "Client authentication " + clientAuthentication + " needs a trust store for client certificates");
        }
    }

    /** HTTPS with {@code keyStore}, no client certificates. */
    public static RegistryTls serverOnly(KeyStoreFile keyStore) {
        return new RegistryTls(keyStore, Optional.empty(), Optional.empty(), ClientAuthentication.NONE);
    }
}
