package dev.vigil.schemas.registry.api;

/** A reference from one schema to a named schema registered under another subject. */
public record SchemaReference(String name, String subject, int version) {}
