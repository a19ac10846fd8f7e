package dev.vigil.schemas.serde;

import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.RegistryUnavailableException;
import dev.vigil.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of Confluent's wire format. The writer schema is fetched by the payload's
 * schema id (cached); the reader schema is the given generated class's (Avro resolves writer to
 * reader, so older and newer compatible writers decode into the current class), the class named
 * by the writer schema with {@code specific.avro.reader}, or else the writer schema itself
 * (generic records). A null payload gives null. Thread-safe.
 *
 * <p>Failures, each naming the topic, key or value, and schema id:
 *
 * <ul>
 *   <li>{@link AvroSerdeException}: the record is bad — wrong magic byte, truncated or malformed
 *       Avro, or a schema id the registry does not hold (HTTP 404, error code 40403, with the
 *       registry up). Dead-letter it.
 *   <li>{@link RegistryUnavailableException}: the registry could not be reached, timed out or
 *       answered 5xx/429 after the client's retries. Transient; the record is not at fault:
 *       pause and retry, never dead-letter.
 *   <li>{@link RegistryException}: the registry refused for a reason that is the configuration's
 *       (401/403 credentials, a wrong URL): the same for every record; stop and say so.
 * </ul>
 *
 * @param <T> the decoded type
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    static {
        AvroTrust.trustPackage(AvroTrust.VIGIL_PACKAGES);
    }

    private static final String ACTION = "Deserialization";

    private final Class<T> specificType;
    private SchemaRegistry registry;
    private ParsedSchemaCache writerSchemas;
    private boolean isKey;
    private boolean specificReader;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** For Kafka's configuration by class name: generic, or specific by writer name. */
    public AvroDeserializer() {
        this(null, null);
    }

    /** Decodes into {@code specificType}; the registry comes from {@link #configure}. */
    public AvroDeserializer(Class<T> specificType) {
        this(null, specificType);
    }

    /**
     * Decodes with {@code registry} into {@code specificType}, or into generic records when it is
     * null; {@link #configure} may still be called for the other settings.
     */
    public AvroDeserializer(SchemaRegistry registry, Class<T> specificType) {
        this.specificType = specificType;
        if (specificType != null) {
            AvroTrust.trustClass(specificType);
        }
        if (registry != null) {
            setRegistry(registry);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean forKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = forKey;
        this.specificReader = config.specificAvroReader();
        if (registry == null) {
            setRegistry(config.createRegistry());
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return data == null ? null : deserialize(topic, headers, ByteBuffer.wrap(data));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("configure() the deserializer or give it a registry");
        }
        ByteBuffer payload = data.duplicate();
        Integer schemaId = null;
        try {
            schemaId = WireFormat.readHeader(payload);
            Schema writer = writerSchema(schemaId);
            if (writer.getType() == Schema.Type.BYTES) {
                byte[] raw = new byte[payload.remaining()];
                payload.get(raw);
                return (T) raw;
            }
            DatumReader<T> reader = readers.computeIfAbsent(schemaId, id -> readerFor(writer));
            BinaryDecoder decoder = decoder(payload);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException("bytes left over after the record: it does not match schema " + schemaId);
            }
            return value;
        } catch (RegistryException e) {
            throw RegistryFailures.classify(ACTION, topic, isKey, schemaId, e, RegistryFailures.UNKNOWN_SCHEMA_ID);
        } catch (IOException | RuntimeException e) {
            throw new AvroSerdeException(ACTION, topic, isKey, schemaId, reasonOf(e), e);
        }
    }

    private void setRegistry(SchemaRegistry newRegistry) {
        this.registry = newRegistry;
        this.writerSchemas = new ParsedSchemaCache(newRegistry);
    }

    private Schema writerSchema(int schemaId) {
        try {
            return writerSchemas.byId(schemaId);
        } catch (RegistryException e) {
            if (e.isUnknownSchema()) {
                throw new RegistryException(
                        e.status(),
                        e.errorCode(),
                        "unknown schema id " + schemaId + " (" + e.registryMessage() + ")",
                        e);
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private DatumReader<T> readerFor(Schema writer) {
        if (specificType != null) {
            SpecificData model = SpecificData.getForClass(specificType);
            return new SpecificDatumReader<>(writer, model.getSchema(specificType), model);
        }
        if (specificReader) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                throw new IllegalArgumentException("no generated class " + writer.getFullName()
                        + " on the class path for " + AvroSerdeConfig.SPECIFIC_AVRO_READER);
            }
            SpecificData model = SpecificData.getForClass(generated);
            return new SpecificDatumReader<>(writer, model.getSchema(generated), model);
        }
        return (DatumReader<T>) new GenericDatumReader<>(writer, writer, GenericData.get());
    }

    private static BinaryDecoder decoder(ByteBuffer payload) {
        if (payload.hasArray()) {
            return DecoderFactory.get()
                    .binaryDecoder(
                            payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(), null);
        }
        byte[] copy = new byte[payload.remaining()];
        payload.get(copy);
        return DecoderFactory.get().binaryDecoder(copy, null);
    }

    private static String reasonOf(Exception e) {
        if (e instanceof java.io.EOFException) {
            return "payload truncated: the Avro body ended before the record was complete";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
