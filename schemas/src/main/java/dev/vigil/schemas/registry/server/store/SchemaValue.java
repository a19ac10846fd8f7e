package dev.vigil.schemas.registry.server.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Value of a SCHEMA record: {@code {"subject","version","id","schema","deleted"}}; {@code
 * schemaType} only for non-Avro schemas, as Confluent writes it.
 */
@JsonPropertyOrder({"subject", "version", "id", "schema", "schemaType", "deleted"})
public record SchemaValue(
        String subject,
        int version,
        int id,
        String schema,
        @JsonInclude(JsonInclude.Include.NON_NULL) String schemaType,
        boolean deleted) {

    /** The same version marked soft-deleted. */
    public SchemaValue asDeleted() {
        return new SchemaValue(subject, version, id, schema, schemaType, true);
    }
}
