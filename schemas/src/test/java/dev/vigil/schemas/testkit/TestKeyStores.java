package dev.vigil.schemas.testkit;

import dev.vigil.schemas.registry.KeyStoreFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.config.types.Password;

/**
 * Key stores and trust stores made with the JDK's {@code keytool} (no network, nothing checked in), once per test
 * JVM: a test CA, and certificates it signed for the registry (127.0.0.1, localhost), for a client, and for another
 * host (elsewhere.example). Every store is PKCS12 with the password {@link #PASSWORD}.
 */
public final class TestKeyStores {

    public static final String PASSWORD = "test-store-pw";

    private static TestKeyStores shared;

    private final Path dir;

    private TestKeyStores(Path dir) {
        this.dir = dir;
    }

    /** The stores, made on first use (some seconds: one short keytool JVM a step) and removed when the JVM ends. */
    public static synchronized TestKeyStores shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("vigil-test-keys-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir)));
                shared = make(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot make the test key stores", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while making the test key stores", e);
            }
        }
        return shared;
    }

    private static TestKeyStores make(Path dir) throws IOException, InterruptedException {
        TestKeyStores stores = new TestKeyStores(dir);
        stores.keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-dname",
                "CN=Vigil Test CA",
                "-keystore",
                "ca.p12",
                "-ext",
                "BasicConstraints:critical=ca:true",
                "-ext",
                "KeyUsage:critical=keyCertSign,cRLSign");
        stores.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        stores.keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trusts-ca.p12");
        stores.signed("registry", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost", "serverAuth");
        stores.signed("elsewhere", "CN=elsewhere.example", "SAN=dns:elsewhere.example", "serverAuth");
        stores.signed("client", "CN=vigil-client", null, "clientAuth");
        return stores;
    }

    /** The registry's key and the certificate the CA signed for 127.0.0.1 and localhost. */
    public KeyStoreFile registryKeyStore() {
        return store("registry.p12");
    }

    /** A certificate the CA signed for elsewhere.example only: wrong for a registry on 127.0.0.1. */
    public KeyStoreFile elsewhereKeyStore() {
        return store("elsewhere.p12");
    }

    /** The client's key and the certificate the CA signed for it. */
    public KeyStoreFile clientKeyStore() {
        return store("client.p12");
    }

    /** A trust store holding the CA. */
    public KeyStoreFile trustsCa() {
        return store("trusts-ca.p12");
    }

    /** The CA's certificate in PEM, for clients that take a CA file (Confluent's Python client). */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    private KeyStoreFile store(String name) {
        return new KeyStoreFile(dir.resolve(name), new Password(PASSWORD), "PKCS12");
    }

    /** A key pair in NAME.p12 whose certificate the CA signed, with the CA's certificate in its chain. */
    private void signed(String name, String dname, String subjectAltNames, String extendedKeyUsage)
            throws IOException, InterruptedException {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", "key", "-dname", dname, "-keystore", store);
        keytool("-certreq", "-alias", "key", "-keystore", store, "-file", name + ".csr");
        List<String> sign = new ArrayList<>(List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                "ca.p12",
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".crt",
                "-ext",
                "KeyUsage:critical=digitalSignature",
                "-ext",
                "ExtendedKeyUsage=" + extendedKeyUsage));
        if (subjectAltNames != null) {
            sign.addAll(List.of("-ext", subjectAltNames));
        }
        keytool(sign.toArray(String[]::new));
        Files.writeString(
                dir.resolve(name + "-chain.pem"),
                Files.readString(dir.resolve(name + ".crt")) + Files.readString(dir.resolve("ca.pem")));
        keytool("-importcert", "-noprompt", "-alias", "key", "-file", name + "-chain.pem", "-keystore", store);
    }

    /** Runs keytool in the stores' folder, with the stores' type, password, key algorithm and a 2-day validity. */
    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        }
        if (args[0].equals("-gencert")) {
            command.addAll(List.of("-validity", "2"));
        }
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort at exit: a temporary folder.
        }
    }
}
