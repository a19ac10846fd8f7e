package dev.vigil.schemas.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Body of register, lookup and compatibility requests: {@code {"schema": "...", "schemaType":
 * "AVRO", "references": []}}. {@code schemaType} and {@code references} are optional; absent
 * means AVRO without references.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SchemaRequest(String schema, String schemaType, List<SchemaReference> references) {

    /** A request for an Avro schema without references. */
    public static SchemaRequest avro(String schema) {
        return new SchemaRequest(schema, null, null);
    }
}
