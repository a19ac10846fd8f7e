package dev.vigil.schemas.serde;

import dev.vigil.schemas.registry.SchemaRegistry;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Ready-configured Avro serdes in Confluent's wire format, e.g. {@code
 * AvroSerdes.specific(Frame.class, Map.of("schema.registry.url", url))} for record values.
 */
public final class AvroSerdes {

    private AvroSerdes() {}

    /** A value serde of the generated class {@code type}, with its own registry client. */
    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, Map<String, ?> config) {
        return specific(type, config, false);
    }

    /** A key ({@code isKey}) or value serde of {@code type}, with its own registry client. */
    public static <T extends SpecificRecord> AvroSerde<T> specific(
            Class<T> type, Map<String, ?> config, boolean isKey) {
        return specific(type, null, config, isKey);
    }

    /**
     * A key or value serde of {@code type} on a shared {@code registry} (a new client from {@code
     * config} when null).
     */
    public static <T extends SpecificRecord> AvroSerde<T> specific(
            Class<T> type, SchemaRegistry registry, Map<String, ?> config, boolean isKey) {
        AvroSerde<T> serde = new AvroSerde<>(new AvroSerializer<>(registry), new AvroDeserializer<>(registry, type));
        serde.configure(config, isKey);
        return serde;
    }

    /** A value serde of generic records, with its own registry client. */
    public static AvroSerde<GenericRecord> generic(Map<String, ?> config) {
        return generic(null, config, false);
    }

    /** A key or value serde of generic records on a shared {@code registry} (or one from config). */
    public static AvroSerde<GenericRecord> generic(SchemaRegistry registry, Map<String, ?> config, boolean isKey) {
        AvroSerde<GenericRecord> serde =
                new AvroSerde<>(new AvroSerializer<>(registry), new AvroDeserializer<>(registry, null));
        serde.configure(config, isKey);
        return serde;
    }
}
