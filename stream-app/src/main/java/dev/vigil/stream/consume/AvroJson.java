package dev.vigil.stream.consume;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * Any Avro record as plain JSON, following its schema, so a field added to a schema shows without code: a record is
 * an object with the schema's field names; a union holds its value without Avro's type wrapper; times (the
 * {@code timestamp-*} and {@code date} logical types) are ISO-8601 text; enums their symbol; bytes and fixed Base64.
 */
public final class AvroJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJson() {}

    /** The record as a JSON object. */
    public static ObjectNode toJson(IndexedRecord record) {
        return (ObjectNode) value(record.getSchema(), record);
    }

    /** The record as one line of JSON (no line break inside). */
    public static String toJsonLine(IndexedRecord record) {
        try {
            return MAPPER.writeValueAsString(toJson(record));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("A " + record.getSchema().getFullName() + " cannot be written as JSON", e);
        }
    }

    private static JsonNode value(Schema schema, Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof TemporalAccessor time) {
            return NODES.textNode(time.toString());
        }
        return switch (schema.getType()) {
            case RECORD -> record(schema, (IndexedRecord) value);
            case UNION -> value(schema.getTypes().get(SpecificData.get().resolveUnion(schema, value)), value);
            case ARRAY -> array(schema.getElementType(), (Collection<?>) value);
            case MAP -> map(schema.getValueType(), (Map<?, ?>) value);
            case STRING -> NODES.textNode(value.toString());
            case ENUM ->
                NODES.textNode(
                        value instanceof GenericEnumSymbol<?> symbol ? symbol.toString() : ((Enum<?>) value).name());
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case BYTES -> NODES.textNode(base64((ByteBuffer) value));
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) value).bytes()));
            case NULL -> NODES.nullNode();
        };
    }

    private static ObjectNode record(Schema schema, IndexedRecord record) {
        ObjectNode json = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
            json.set(field.name(), value(field.schema(), record.get(field.pos())));
        }
        return json;
    }

    private static ArrayNode array(Schema elements, Collection<?> values) {
        ArrayNode json = NODES.arrayNode(values.size());
        values.forEach(v -> json.add(value(elements, v)));
        return json;
    }

    private static ObjectNode map(Schema values, Map<?, ?> entries) {
        ObjectNode json = NODES.objectNode();
        entries.forEach((k, v) -> json.set(k.toString(), value(values, v)));
        return json;
    }

    private static String base64(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return Base64.getEncoder().encodeToString(copy);
    }
}
