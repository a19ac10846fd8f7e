package dev.vigil.schemas.registry.api;

/** Answer to a registration: {@code {"id": 1}}, the schema's global id. */
public record SchemaIdResponse(int id) {}
