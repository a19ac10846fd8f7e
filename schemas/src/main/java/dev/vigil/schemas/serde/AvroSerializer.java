package dev.vigil.schemas.serde;

import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.SchemaRegistry;
import dev.vigil.schemas.registry.api.RegisteredSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Confluent's wire format: magic byte, schema id, Avro binary. Accepts
 * specific and generic records (and Avro primitives). The schema id comes from registering the
 * record's schema under the subject ({@code auto.register.schemas}, the default), from looking
 * it up, or from the subject's latest version ({@code use.latest.version}; the record's fields
 * must then match that schema's order). A null datum gives null (a tombstone). Thread-safe.
 *
 * <p>Failures, each naming the topic and key or value: {@link AvroSerdeException} when the datum
 * or its schema is at fault (it does not fit its schema; the registry refuses the schema as
 * invalid, incompatible or unregistered); {@link
 * dev.vigil.schemas.registry.RegistryUnavailableException} when the registry cannot be reached
 * (transient: retry); {@link RegistryException} for any other refusal (credentials).
 *
 * @param <T> the record type
 */
public class AvroSerializer<T> implements Serializer<T> {

    private static final String ACTION = "Serialization";

    private SchemaRegistry registry;
    private ParsedSchemaCache parsedSchemas;
    private boolean isKey;
    private boolean autoRegister = AvroSerdeConfig.DEFAULT_AUTO_REGISTER_SCHEMAS;
    private boolean useLatest;
    private SubjectNameStrategy subjectNames = new TopicNameStrategy();
    private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();
    private final Map<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();

    /** For Kafka's configuration by class name: the registry comes from {@link #configure}. */
    public AvroSerializer() {}

    /** A serializer on {@code registry}; {@link #configure} still reads the serde settings. */
    public AvroSerializer(SchemaRegistry registry) {
        setRegistry(registry);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean forKey) {
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = forKey;
        this.autoRegister = config.autoRegisterSchemas();
        this.useLatest = config.useLatestVersion();
        this.subjectNames = config.subjectNameStrategy(forKey);
        if (registry == null) {
            setRegistry(config.createRegistry());
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return serialize(topic, null, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("configure() the serializer or give it a registry");
        }
        Integer schemaId = null;
        try {
            Schema schema = AvroSchemas.schemaOf(data);
            String subject = subjectNames.subjectName(topic, isKey, schema);
            Schema writerSchema = schema;
            if (useLatest) {
                RegisteredSchema latest = registry.latestVersion(subject);
                schemaId = latest.id();
                writerSchema = parsedSchemas.byId(schemaId);
            } else {
                schemaId = idOf(subject, schema);
            }
            return encode(schemaId, writerSchema, data);
        } catch (RegistryException e) {
            throw RegistryFailures.classify(ACTION, topic, isKey, schemaId, e, RegistryFailures.SCHEMA_REFUSED);
        } catch (AvroRuntimeException
                | IllegalArgumentException
                | ClassCastException
                | NullPointerException
                | IOException e) {
            throw new AvroSerdeException(ACTION, topic, isKey, schemaId, e.getMessage(), e);
        }
    }

    private void setRegistry(SchemaRegistry newRegistry) {
        this.registry = newRegistry;
        this.parsedSchemas = new ParsedSchemaCache(newRegistry);
    }

    private int idOf(String subject, Schema schema) {
        return ids.computeIfAbsent(
                new SubjectSchema(subject, schema),
                key -> autoRegister ? registry.register(subject, schema.toString()) : lookUp(subject, schema));
    }

    private int lookUp(String subject, Schema schema) {
        try {
            return registry.lookup(subject, schema.toString()).id();
        } catch (RegistryException e) {
            if (e.status() == 404) {
                throw new RegistryException(
                        e.status(),
                        e.errorCode(),
                        "schema " + schema.getFullName() + " is not registered under subject '" + subject
                                + "' and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + " is false ("
                                + e.registryMessage() + ")",
                        e);
            }
            throw e;
        }
    }

    private byte[] encode(int schemaId, Schema writerSchema, Object data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, schemaId);
        if (writerSchema.getType() == Schema.Type.BYTES) {
            // Confluent writes a bytes datum raw, without Avro's length prefix.
            out.write(data instanceof ByteBuffer buffer ? bytesOf(buffer) : (byte[]) data);
            return out.toByteArray();
        }
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writerFor(writerSchema, data).write(data, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** Specific records need their class's model (its logical-type conversions). */
    private DatumWriter<Object> writerFor(Schema schema, Object data) {
        Class<?> specificClass = data instanceof SpecificRecord ? data.getClass() : null;
        return writers.computeIfAbsent(
                new WriterKey(schema, specificClass),
                key -> specificClass == null
                        ? new GenericDatumWriter<>(schema, GenericData.get())
                        : new SpecificDatumWriter<>(schema, SpecificData.getForClass(specificClass)));
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private record SubjectSchema(String subject, Schema schema) {}

    private record WriterKey(Schema schema, Class<?> specificClass) {}
}
