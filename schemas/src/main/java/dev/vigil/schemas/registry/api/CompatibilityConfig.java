package dev.vigil.schemas.registry.api;

/** Answer to {@code GET /config[/{subject}]}: {@code {"compatibilityLevel": "BACKWARD"}}. */
public record CompatibilityConfig(String compatibilityLevel) {}
