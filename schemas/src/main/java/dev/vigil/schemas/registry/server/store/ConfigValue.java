package dev.vigil.schemas.registry.server.store;

/** Value of a CONFIG record: {@code {"compatibilityLevel":"BACKWARD"}}. */
public record ConfigValue(String compatibilityLevel) {}
