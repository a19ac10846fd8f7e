package dev.vigil.schemas.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Answer to {@code GET /schemas/ids/{id}}: {@code {"schema": "..."}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SchemaResponse(String schema, String schemaType, List<SchemaReference> references) {}
