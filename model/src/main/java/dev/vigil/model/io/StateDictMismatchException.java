package dev.vigil.model.io;

import java.util.List;

/** A state_dict that does not fit a block tree: every missing, unexpected and mis-shaped key at once. */
public final class StateDictMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> missing;
    private final List<String> unexpected;
    private final List<String> misShaped;

    StateDictMismatchException(String source, List<String> missing, List<String> unexpected, List<String> misShaped) {
        super(message(source, missing, unexpected, misShaped));
        this.missing = List.copyOf(missing);
        this.unexpected = List.copyOf(unexpected);
        this.misShaped = List.copyOf(misShaped);
    }

    /** Keys the model has and the state_dict lacks. */
    public List<String> missing() {
        return missing;
    }

    /** Keys the state_dict has and the model lacks. */
    public List<String> unexpected() {
        return unexpected;
    }

    /** Keys present on both sides whose shape or dtype differ, each with both shapes. */
    public List<String> misShaped() {
        return misShaped;
    }

    private static String message(
            String source, List<String> missing, List<String> unexpected, List<String> misShaped) {
        StringBuilder text = new StringBuilder("state_dict ").append(source).append(" does not fit the model:");
        if (!missing.isEmpty()) {
            text.append("\n  ").append(missing.size()).append(" missing: ").append(missing);
        }
        if (!unexpected.isEmpty()) {
            text.append("\n  ")
                    .append(unexpected.size())
                    .append(" unexpected: ")
                    .append(unexpected);
        }
        if (!misShaped.isEmpty()) {
            text.append("\n  ").append(misShaped.size()).append(" mis-shaped: ").append(misShaped);
        }
        return text.toString();
    }
}
