package dev.vigil.schemas.serde;

import org.apache.avro.Schema;

/** Chooses the registry subject under which a topic's key or value schema is registered. */
@FunctionalInterface
public interface SubjectNameStrategy {

    /** The subject for the key ({@code isKey}) or value schema {@code schema} of {@code topic}. */
    String subjectName(String topic, boolean isKey, Schema schema);
}
