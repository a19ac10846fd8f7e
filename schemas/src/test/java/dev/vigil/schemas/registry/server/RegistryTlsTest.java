package dev.vigil.schemas.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.registry.KeyStoreFile;
import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.RegistryUnavailableException;
import dev.vigil.schemas.registry.RestSchemaRegistryClient;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import dev.vigil.schemas.testkit.TestKeyStores;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded registry over HTTPS, and the Vigil client's Confluent TLS settings against it. */
class RegistryTlsTest {

    private static final String RECORD =
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";

    private static TestKeyStores stores;

    @BeforeAll
    static void makeKeyStores() {
        stores = TestKeyStores.shared();
    }

    @Test
    void aClientThatTrustsTheRegistrysCertificateTalksHttps() {
        try (EmbeddedSchemaRegistry registry = start(RegistryTls.serverOnly(stores.registryKeyStore()))) {
            assertThat(registry.url()).startsWith("https://127.0.0.1:");
            RestSchemaRegistryClient client = client(registry.url(), trusting(stores.trustsCa()));

            int id = client.register("tls-value", RECORD);

            assertThat(client.subjects()).containsExactly("tls-value");
            assertThat(client.latestVersion("tls-value").id()).isEqualTo(id);
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedAtOnceWithAClearMessage() {
        try (EmbeddedSchemaRegistry registry = start(RegistryTls.serverOnly(stores.registryKeyStore()))) {
            RestSchemaRegistryClient jdkDefaultTrust = client(registry.url(), Map.of());

            assertThatThrownBy(jdkDefaultTrust::subjects)
                    .isInstanceOf(RegistryException.class)
                    .isNotInstanceOf(RegistryUnavailableException.class)
                    .hasMessageContaining("TLS handshake with the schema registry at " + registry.url() + " failed")
                    .hasMessageContaining("not trusted")
                    .hasMessageContaining(RegistryClientConfig.SSL_TRUSTSTORE_LOCATION)
                    .hasMessageContaining("unable to find valid certification path");
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        try (EmbeddedSchemaRegistry registry = start(RegistryTls.serverOnly(stores.elsewhereKeyStore()))) {
            RestSchemaRegistryClient client = client(registry.url(), trusting(stores.trustsCa()));

            assertThatThrownBy(client::subjects)
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("does not name the host 127.0.0.1")
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void aRegistryThatRequiresClientCertificatesTakesTheClientKeyStore() {
        RegistryTls mutual = new RegistryTls(
                stores.registryKeyStore(),
                Optional.empty(),
                Optional.of(stores.trustsCa()),
                RegistryTls.ClientAuthentication.REQUIRED);
        try (EmbeddedSchemaRegistry registry = start(mutual)) {
            RestSchemaRegistryClient withoutCertificate = client(registry.url(), trusting(stores.trustsCa()));
            assertThatThrownBy(withoutCertificate::subjects).isInstanceOf(RegistryException.class);

            Map<String, Object> withKeyStore = new HashMap<>(trusting(stores.trustsCa()));
            KeyStoreFile clientKeys = stores.clientKeyStore();
            withKeyStore.put(
                    RegistryClientConfig.SSL_KEYSTORE_LOCATION,
                    clientKeys.location().toString());
            withKeyStore.put(RegistryClientConfig.SSL_KEYSTORE_PASSWORD, TestKeyStores.PASSWORD);
            withKeyStore.put(RegistryClientConfig.SSL_KEYSTORE_TYPE, "PKCS12");
            withKeyStore.put(RegistryClientConfig.SSL_KEY_PASSWORD, TestKeyStores.PASSWORD);
            assertThat(client(registry.url(), withKeyStore).subjects()).isEmpty();
        }
    }

    @Test
    void aWrongKeyStorePasswordStopsTheStartNamingTheFileNotThePassword() {
        KeyStoreFile wrong =
                new KeyStoreFile(stores.registryKeyStore().location(), new Password("not-the-password-123"), "PKCS12");

        assertThatThrownBy(() -> start(RegistryTls.serverOnly(wrong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(wrong.location().toString())
                .hasMessageContaining("password")
                .hasMessageNotContaining("not-the-password-123");
    }

    private static EmbeddedSchemaRegistry start(RegistryTls tls) {
        return EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral().withTls(tls), new InMemorySchemaStore());
    }

    private static Map<String, Object> trusting(KeyStoreFile trustStore) {
        return Map.of(
                RegistryClientConfig.SSL_TRUSTSTORE_LOCATION,
                trustStore.location().toString(),
                RegistryClientConfig.SSL_TRUSTSTORE_PASSWORD,
                TestKeyStores.PASSWORD,
                RegistryClientConfig.SSL_TRUSTSTORE_TYPE,
                "PKCS12");
    }

    private static RestSchemaRegistryClient client(String url, Map<String, Object> tls) {
        Map<String, Object> config = new HashMap<>(tls);
        config.put(RegistryClientConfig.SCHEMA_REGISTRY_URL, url);
        config.put(RegistryClientConfig.MAX_RETRIES, 0);
        return new RestSchemaRegistryClient(new RegistryClientConfig(config));
    }
}
