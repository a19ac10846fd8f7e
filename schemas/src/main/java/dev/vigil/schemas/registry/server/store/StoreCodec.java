package dev.vigil.schemas.registry.server.store;

import dev.vigil.schemas.registry.api.RegistryJson;
import java.io.IOException;
import java.util.Optional;

/** Encodes store records as the JSON key and value bytes of Confluent's {@code _schemas} topic. */
public final class StoreCodec {

    private StoreCodec() {}

    /** The key bytes of {@code record}. */
    public static byte[] key(StoreRecord record) {
        return RegistryJson.write(record.key());
    }

    /** The value bytes of {@code record}, null for a tombstone. */
    public static byte[] value(StoreRecord record) {
        return record.value() == null ? null : RegistryJson.write(record.value());
    }

    /**
     * Decodes one topic record; empty for key types this registry does not keep (Confluent's NOOP,
     * MODE, DELETE_SUBJECT...).
     *
     * @throws IOException when the key or value is not the JSON expected
     */
    public static Optional<StoreRecord> decode(byte[] key, byte[] value) throws IOException {
        StoreKey storeKey = RegistryJson.read(key, StoreKey.class);
        Class<?> valueType = switch (String.valueOf(storeKey.keytype())) {
            case StoreKey.SCHEMA -> SchemaValue.class;
            case StoreKey.CONFIG -> ConfigValue.class;
            default -> null;
        };
        if (valueType == null) {
            return Optional.empty();
        }
        return Optional.of(new StoreRecord(storeKey, value == null ? null : RegistryJson.read(value, valueType)));
    }
}
