package dev.vigil.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record key or value that cannot be serialized or deserialized because of what it holds: the
 * record is bad (for a consumer: dead-letter it). The message names the topic, whether key or
 * value, the schema id and the partition and offset where known, then the reason; the cause is
 * attached. A deserializer cannot know the offset (Kafka does not pass it): a caller that does can
 * attach it with {@link #at(int, long)}.
 *
 * <p>A registry that cannot be reached is not the record's fault: the serde then throws {@link
 * dev.vigil.schemas.registry.RegistryUnavailableException} (transient: retry, never dead-letter),
 * and for a refusal that is the configuration's fault (credentials) a {@link
 * dev.vigil.schemas.registry.RegistryException}; neither is an {@code AvroSerdeException}.
 */
public class AvroSerdeException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final String action;
    private final String topic;
    private final boolean isKey;
    private final Integer schemaId;
    private final Integer partition;
    private final Long offset;
    private final String reason;

    /**
     * A failure of the key ({@code isKey}) or value of a record of {@code topic}.
     *
     * @param action what failed, e.g. "Serialization" or "Deserialization"
     * @param schemaId the payload's schema id, null when unknown
     */
    public AvroSerdeException(
            String action, String topic, boolean isKey, Integer schemaId, String reason, Throwable cause) {
        this(action, topic, isKey, schemaId, null, null, reason, cause);
    }

    private AvroSerdeException(
            String action,
            String topic,
            boolean isKey,
            Integer schemaId,
            Integer partition,
            Long offset,
            String reason,
            Throwable cause) {
        super(describe(action, topic, isKey, schemaId, partition, offset) + ": " + reason, cause);
        this.action = action;
        this.topic = topic;
        this.isKey = isKey;
        this.schemaId = schemaId;
        this.partition = partition;
        this.offset = offset;
        this.reason = reason;
    }

    /** The same failure with the record's partition and offset. */
    public AvroSerdeException at(int recordPartition, long recordOffset) {
        return new AvroSerdeException(
                action, topic, isKey, schemaId, recordPartition, recordOffset, reason, getCause());
    }

    public String topic() {
        return topic;
    }

    public boolean isKey() {
        return isKey;
    }

    /** The schema id of the payload, null when it was not read (or not registered yet). */
    public Integer schemaId() {
        return schemaId;
    }

    /** The record's partition, null unless given with {@link #at}. */
    public Integer partition() {
        return partition;
    }

    /** The record's offset, null unless given with {@link #at}. */
    public Long offset() {
        return offset;
    }

    /** Why it failed, without the record's coordinates. */
    public String reason() {
        return reason;
    }

    /** "Deserialization failed for the value of a record of topic 'frames' (schema id 3)". */
    static String describe(
            String action, String topic, boolean isKey, Integer schemaId, Integer partition, Long offset) {
        StringBuilder message = new StringBuilder(action)
                .append(" failed for the ")
                .append(isKey ? "key" : "value")
                .append(" of a record of topic '")
                .append(topic)
                .append('\'');
        if (partition != null) {
            message.append(" partition ").append(partition).append(" offset ").append(offset);
        }
        if (schemaId != null) {
            message.append(" (schema id ").append(schemaId).append(')');
        }
        return message.toString();
    }
}
