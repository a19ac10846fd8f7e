package dev.vigil.schemas.registry.server.store;

import java.util.List;

/** The durable log behind the registry: every change is one appended record. */
public interface SchemaStore extends AutoCloseable {

    /** Every record stored so far, oldest first; called once, when the registry starts. */
    List<StoreRecord> load();

    /**
     * Stores {@code record} durably before returning.
     *
     * @throws StoreException when the store fails or does not answer in time
     */
    void append(StoreRecord record);

    /** Releases the store's clients; idempotent. */
    @Override
    void close();
}
