package dev.vigil.schemas.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A schema as registered under a subject: the answer to lookups and to version queries, {@code
 * {"subject", "version", "id", "schema"}}; {@code schemaType} is left out for AVRO as Confluent
 * does.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RegisteredSchema(
        String subject, int version, int id, String schema, String schemaType, List<SchemaReference> references) {

    /** An Avro schema without references. */
    public static RegisteredSchema avro(String subject, int version, int id, String schema) {
        return new RegisteredSchema(subject, version, id, schema, null, null);
    }
}
