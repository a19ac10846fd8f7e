package dev.vigil.schemas.serde;

import dev.vigil.schemas.registry.CachingSchemaRegistry;
import dev.vigil.schemas.registry.RegistryClientConfig;
import dev.vigil.schemas.registry.RestSchemaRegistryClient;
import dev.vigil.schemas.registry.SchemaRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Settings of the Avro serializer and deserializer, with Confluent's key names; the registry
 * client's keys ({@link RegistryClientConfig}) are accepted in the same map.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    /** Register the record's schema under the subject when it is new (default true). */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Write with the subject's latest registered schema instead of the record's own. */
    public static final String USE_LATEST_VERSION = "use.latest.version";
    /** Deserialize into the generated class named by the writer schema (when no class is given). */
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    /** Seconds the latest version stays cached; negative: until restart. */
    public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
    /** {@link SubjectNameStrategy} class for keys. */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    /** {@link SubjectNameStrategy} class for values. */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    public static final boolean DEFAULT_AUTO_REGISTER_SCHEMAS = true;
    public static final long DEFAULT_LATEST_CACHE_TTL_SEC = -1;

    private static final ConfigDef CONFIG_DEF = new ConfigDef(RegistryClientConfig.CONFIG_DEF)
            .define(
                    AUTO_REGISTER_SCHEMAS,
                    Type.BOOLEAN,
                    DEFAULT_AUTO_REGISTER_SCHEMAS,
                    Importance.MEDIUM,
                    "Register new schemas automatically.")
            .define(
                    USE_LATEST_VERSION,
                    Type.BOOLEAN,
                    false,
                    Importance.LOW,
                    "Serialize with the subject's latest schema.")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.LOW, "Deserialize into generated classes.")
            .define(
                    LATEST_CACHE_TTL_SEC,
                    Type.LONG,
                    DEFAULT_LATEST_CACHE_TTL_SEC,
                    Importance.LOW,
                    "Time the latest version is cached.")
            .define(
                    KEY_SUBJECT_NAME_STRATEGY,
                    Type.CLASS,
                    TopicNameStrategy.class,
                    Importance.LOW,
                    "Subject naming of keys.")
            .define(
                    VALUE_SUBJECT_NAME_STRATEGY,
                    Type.CLASS,
                    TopicNameStrategy.class,
                    Importance.LOW,
                    "Subject naming of values.");

    /** Reads the serde settings from {@code configs}; unknown keys (producer settings) are ignored. */
    public AvroSerdeConfig(Map<String, ?> configs) {
        super(CONFIG_DEF, configs, false);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION);
    }

    public boolean specificAvroReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    /** The subject naming for keys or values. */
    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return getConfiguredInstance(
                isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY, SubjectNameStrategy.class);
    }

    /** A caching REST client of the configured registry. */
    public SchemaRegistry createRegistry() {
        return new CachingSchemaRegistry(
                new RestSchemaRegistryClient(new RegistryClientConfig(originals())),
                Duration.ofSeconds(getLong(LATEST_CACHE_TTL_SEC)));
    }
}
