package dev.vigil.schemas.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks a candidate Avro schema against earlier versions under a {@link CompatibilityLevel},
 * with Avro's own reader/writer resolution rules ({@link SchemaCompatibility}).
 */
public final class AvroCompatibilityChecker {

    private AvroCompatibilityChecker() {}

    /**
     * Returns why {@code candidate} may not follow {@code previous} (oldest first) under
     * {@code level}; an empty list means it is compatible.
     */
    public static List<String> incompatibilities(CompatibilityLevel level, Schema candidate, List<Schema> previous) {
        List<String> problems = new ArrayList<>();
        if (previous.isEmpty()) {
            return problems;
        }
        List<Schema> checked = level.transitive() ? previous : List.of(previous.get(previous.size() - 1));
        for (Schema earlier : checked) {
            if (level.newReadsOld()) {
                problems.addAll(describe("new schema reading old data", candidate, earlier));
            }
            if (level.oldReadsNew()) {
                problems.addAll(describe("old schema reading new data", earlier, candidate));
            }
        }
        return problems;
    }

    /** Why {@code reader} cannot read data written with {@code writer}; empty when it can. */
    public static List<String> describe(String direction, Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility pair =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        List<String> problems = new ArrayList<>();
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return problems;
        }
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            problems.add(String.format(
                    "%s: %s at %s (%s)",
                    direction, incompatibility.getType(), incompatibility.getLocation(), incompatibility.getMessage()));
        }
        return problems;
    }
}
