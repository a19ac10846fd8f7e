package dev.vigil.schemas.registry.server;

import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import java.io.IOException;

/**
 * An embedded registry with its default settings alone in a JVM, for tests that watch its memory: prints {@code
 * url=...}, then serves until its standard input closes.
 */
public final class RegistryProcess {

    private RegistryProcess() {}

    public static void main(String[] args) throws IOException {
        try (EmbeddedSchemaRegistry registry =
                EmbeddedSchemaRegistry.start(RegistryServerConfig.ephemeral(), new InMemorySchemaStore())) {
            System.out.println("url=" + registry.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Serve until the test closes our standard input.
            }
        }
    }
}
