package dev.vigil.schemas.registry.api;

/** Body and answer of {@code PUT /config[/{subject}]}: {@code {"compatibility": "FULL"}}. */
public record CompatibilityUpdate(String compatibility) {}
