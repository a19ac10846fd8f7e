package dev.vigil.schemas.serde;

import dev.vigil.schemas.registry.RegistryException;
import dev.vigil.schemas.registry.RegistryUnavailableException;
import java.util.function.Predicate;

/**
 * What a registry failure during (de)serialization means for the record: a registry that cannot be reached now is
 * a {@link RegistryUnavailableException} (transient, retry), an answer that condemns this record (its schema id is
 * unknown, its schema incompatible) is an {@link AvroSerdeException} (bad record), and anything else — refused
 * credentials, a wrong URL — is a {@link RegistryException} (the configuration, not the record, is wrong). Each
 * message names the topic, key or value, and the schema id where known.
 */
final class RegistryFailures {

    /** A deserializer's record is at fault only when its schema id is unknown to the registry. */
    static final Predicate<RegistryException> UNKNOWN_SCHEMA_ID = RegistryException::isUnknownSchema;

    /**
     * A serializer's record is at fault when its schema is invalid (422), incompatible with the subject (409) or not
     * registered while auto-registration is off (404).
     */
    static final Predicate<RegistryException> SCHEMA_REFUSED =
            e -> e.status() == 409 || e.status() == 422 || e.status() == 404;

    private RegistryFailures() {}

    static RuntimeException classify(
            String action,
            String topic,
            boolean isKey,
            Integer schemaId,
            RegistryException failure,
            Predicate<RegistryException> recordAtFault) {
        if (failure instanceof RegistryUnavailableException unavailable) {
            return new RegistryUnavailableException(
                    AvroSerdeException.describe(action, topic, isKey, schemaId, null, null)
                            + ": the schema registry is unavailable (transient; retry later): "
                            + unavailable.getMessage(),
                    unavailable);
        }
        if (recordAtFault.test(failure)) {
            return new AvroSerdeException(action, topic, isKey, schemaId, failure.getMessage(), failure);
        }
        return new RegistryException(
                failure.status(),
                failure.errorCode(),
                AvroSerdeException.describe(action, topic, isKey, schemaId, null, null)
                        + ": the schema registry refused: " + failure.registryMessage(),
                failure);
    }
}
