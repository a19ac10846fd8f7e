package dev.vigil.schemas.registry.server.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Key of a record of the schemas topic, in Confluent's JSON layout: {@code {"keytype":"SCHEMA",
 * "subject":"frames-value","version":1,"magic":1}} or {@code {"keytype":"CONFIG",
 * "subject":"frames-value","magic":0}} (no subject for the registry-wide config).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"keytype", "subject", "version", "magic"})
public record StoreKey(String keytype, String subject, Integer version, int magic) {

    /** Key type of a schema version. */
    public static final String SCHEMA = "SCHEMA";
    /** Key type of a compatibility setting. */
    public static final String CONFIG = "CONFIG";

    private static final int SCHEMA_MAGIC = 1;
    private static final int CONFIG_MAGIC = 0;

    /** Key of version {@code version} of {@code subject}. */
    public static StoreKey schema(String subject, int version) {
        return new StoreKey(SCHEMA, subject, version, SCHEMA_MAGIC);
    }

    /** Key of the compatibility of {@code subject}, or of the registry when it is null. */
    public static StoreKey config(String subject) {
        return new StoreKey(CONFIG, subject, null, CONFIG_MAGIC);
    }
}
