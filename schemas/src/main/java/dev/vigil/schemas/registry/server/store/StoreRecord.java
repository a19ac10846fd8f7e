package dev.vigil.schemas.registry.server.store;

/**
 * One record of the registry's log: a key and its value, a {@link SchemaValue} or a {@link
 * ConfigValue}; a null value removes the key (a tombstone in the compacted topic).
 */
public record StoreRecord(StoreKey key, Object value) {

    /** A schema version. */
    public static StoreRecord of(SchemaValue value) {
        return new StoreRecord(StoreKey.schema(value.subject(), value.version()), value);
    }

    /** A compatibility setting of {@code subject} (null: registry-wide). */
    public static StoreRecord of(String subject, ConfigValue value) {
        return new StoreRecord(StoreKey.config(subject), value);
    }

    /** Removal of {@code key}. */
    public static StoreRecord tombstone(StoreKey key) {
        return new StoreRecord(key, null);
    }
}
