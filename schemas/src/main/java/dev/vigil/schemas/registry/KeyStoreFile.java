package dev.vigil.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import org.apache.kafka.common.config.types.Password;

/**
 * A key store or trust store on disk, as Kafka and Confluent name them: {@code ssl.keystore.location}, {@code
 * .password}, {@code .type}. Its {@link #toString()} hides the password.
 *
 * @param location the file
 * @param password the store's password; may be empty for a trust store
 * @param type {@code PKCS12} or {@code JKS} (the JDK reads either under either name)
 */
public record KeyStoreFile(Path location, Password password, String type) {

    /** Kafka's and Confluent's default store type. */
    public static final String DEFAULT_TYPE = "JKS";

    public KeyStoreFile {
        if (location == null) {
            throw new IllegalArgumentException("A key store needs a location");
        }
        password = password == null ? new Password("") : password;
        type = type == null || type.isBlank() ? DEFAULT_TYPE : type;
    }

    /**
     * Reads the store.
     *
     * @param setting the setting that named the file, for the message when it cannot be read
     * @throws IllegalArgumentException naming the file, the setting and the cause (a wrong password, a missing file,
     *     a wrong type), never the password
     */
    public KeyStore load(String setting) {
        try (InputStream in = Files.newInputStream(location)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password.value().toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "Cannot read the " + type + " store " + location + " (" + setting + "): " + e, e);
        }
    }

    @Override
    public String toString() {
        return "KeyStoreFile[location=" + location + ", type=" + type + "]";
    }
}
