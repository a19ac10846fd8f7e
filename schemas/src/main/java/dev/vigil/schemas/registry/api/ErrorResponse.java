package dev.vigil.schemas.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of every error answer: {@code {"error_code": 40401, "message": "..."}}. */
public record ErrorResponse(@JsonProperty("error_code") int errorCode, String message) {}
