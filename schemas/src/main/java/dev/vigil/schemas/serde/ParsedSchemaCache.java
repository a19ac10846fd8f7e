package dev.vigil.schemas.serde;

import dev.vigil.schemas.registry.SchemaRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/** Parsed Avro schemas by global id, fetched from the registry once each. Thread-safe. */
final class ParsedSchemaCache {

    private final SchemaRegistry registry;
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    ParsedSchemaCache(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** The schema with global id {@code id}; throws the registry's error when it is unknown. */
    Schema byId(int id) {
        return byId.computeIfAbsent(id, key -> new Schema.Parser().parse(registry.schemaById(key)));
    }
}
