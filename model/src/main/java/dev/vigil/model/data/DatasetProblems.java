package dev.vigil.model.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What a dataset reader repaired or left out without failing: boxes clipped to their image, boxes skipped because
 * they are empty. The caller decides whether to log, count or refuse them. Not thread-safe.
 */
public final class DatasetProblems {

    /** What was done to an entry. */
    public enum Action {
        /** The box reached outside its image and was clipped to it. */
        CLIPPED,
        /** The box was left out (no area, or nothing left inside the image). */
        SKIPPED
    }

    /**
     * One repaired or left-out entry.
     *
     * @param entry where, as in error messages: {@code file: annotations[17] (id 42)}
     * @param reason why
     */
    public record Problem(Action action, String entry, String reason) {

        @Override
        public String toString() {
            return entry + ": " + action.name().toLowerCase() + ", " + reason;
        }
    }

    private final List<Problem> problems = new ArrayList<>();

    void clipped(String entry, String reason) {
        problems.add(new Problem(Action.CLIPPED, entry, reason));
    }

    void skipped(String entry, String reason) {
        problems.add(new Problem(Action.SKIPPED, entry, reason));
    }

    public List<Problem> all() {
        return List.copyOf(problems);
    }

    public int count(Action action) {
        return (int) problems.stream().filter(p -> p.action() == action).count();
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** One line for a log, e.g. {@code 3 boxes clipped to their image, 1 skipped; first: ...}. */
    public String summary() {
        if (problems.isEmpty()) {
            return "no problems";
        }
        return count(Action.CLIPPED) + " boxes clipped to their image, " + count(Action.SKIPPED) + " skipped; first: "
                + problems.get(0);
    }
}
