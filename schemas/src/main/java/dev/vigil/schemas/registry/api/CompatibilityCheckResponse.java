package dev.vigil.schemas.registry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Answer to a compatibility test: {@code {"is_compatible": true}}, with reasons when verbose. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CompatibilityCheckResponse(
        @JsonProperty("is_compatible") boolean isCompatible, List<String> messages) {}
