package dev.vigil.schemas.registry.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON mapping and media type shared by the registry client and the embedded server. */
public final class RegistryJson {

    /** Media type of the Confluent Schema Registry REST API, version 1. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    /** What the client accepts, in Confluent's order of preference. */
    public static final String ACCEPT =
            CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RegistryJson() {}

    /** Encodes {@code value} as UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode " + value, e);
        }
    }

    /** Decodes UTF-8 JSON; throws {@link IOException} when it does not fit {@code type}. */
    public static <T> T read(byte[] json, Class<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }

    /** Decodes UTF-8 JSON into a generic type such as a list. */
    public static <T> T read(byte[] json, TypeReference<T> type) throws IOException {
        return MAPPER.readValue(json, type);
    }
}
