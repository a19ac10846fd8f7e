package dev.vigil.schemas.registry.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A store in memory, for tests. Records go through {@link StoreCodec} like the Kafka store's, so
 * the JSON layout is exercised; a new registry on the same instance sees every earlier record.
 */
public final class InMemorySchemaStore implements SchemaStore {

    private final List<byte[][]> log = new ArrayList<>();

    @Override
    public synchronized List<StoreRecord> load() {
        List<StoreRecord> records = new ArrayList<>();
        for (byte[][] keyAndValue : log) {
            try {
                StoreCodec.decode(keyAndValue[0], keyAndValue[1]).ifPresent(records::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    @Override
    public synchronized void append(StoreRecord record) {
        log.add(new byte[][] {StoreCodec.key(record), StoreCodec.value(record)});
    }

    @Override
    public void close() {}
}
