package dev.vigil.model.trackeval;

import dev.vigil.model.track.LinearAssignment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * py-motmetrics' {@code MOTAccumulator}: per frame, ground-truth objects are paired with hypotheses and each pairing
 * is an event. {@link #update} follows {@code MOTAccumulator.update}:
 *
 * <ol>
 *   <li>RAW events: every allowed (finite-distance) pair, and every object and hypothesis alone;
 *   <li>pairs matched in the previous update are kept when still allowed (MATCH);
 *   <li>the rest are paired by a minimum-cost assignment with the most pairs; a pair whose object was last paired
 *       with another hypothesis is a SWITCH (ASCEND when that hypothesis is new), one whose hypothesis was last
 *       paired with another object is also a TRANSFER (MIGRATE when the object was never matched before);
 *   <li>objects left are MISSes, hypotheses left are FPs (false positives).
 * </ol>
 *
 * Not thread-safe.
 */
public final class MotAccumulator {

    /** The kinds of events, as py-motmetrics names them. */
    public enum Type {
        RAW,
        MATCH,
        SWITCH,
        MISS,
        FP,
        TRANSFER,
        ASCEND,
        MIGRATE
    }

    /** No object or no hypothesis in an event. */
    public static final long NONE = Long.MIN_VALUE;

    /**
     * One event.
     *
     * @param distance the pair's distance, NaN without a pair
     */
    public record Event(int frame, Type type, long objectId, long hypothesisId, double distance) {}

    private final List<Event> events = new ArrayList<>();
    /** {@code m}: the hypothesis each object was last paired with. */
    private final Map<Long, Long> pairedHypothesis = new HashMap<>();
    /** {@code res_m}: the object each hypothesis was last paired with in step 2. */
    private final Map<Long, Long> pairedObject = new HashMap<>();
    /** {@code last_occurrence}. */
    private final Map<Long, Integer> lastOccurrence = new HashMap<>();
    /** {@code last_match}. */
    private final Map<Long, Integer> lastMatch = new HashMap<>();
    /** {@code hypHistory}. */
    private final Map<Long, Integer> hypothesisHistory = new HashMap<>();

    private Integer lastUpdateFrame;

    /**
     * One frame.
     *
     * @param distances objects × hypotheses, NaN where a pair is not allowed
     */
    public void update(int frame, long[] objectIds, long[] hypothesisIds, double[][] distances) {
        int no = objectIds.length;
        int nh = hypothesisIds.length;
        if (distances.length != no || (no > 0 && distances[0].length != nh)) {
            throw new IllegalArgumentException("distances must be " + no + "×" + nh);
        }
        double[][] d = new double[no][];
        for (int i = 0; i < no; i++) {
            d[i] = distances[i].clone();
        }
        boolean[] objectDone = new boolean[no];
        boolean[] hypothesisDone = new boolean[nh];

        // 0. RAW events: one for the frame, every allowed pair, then objects and hypotheses with no allowed pair.
        events.add(new Event(frame, Type.RAW, NONE, NONE, Double.NaN));
        boolean[] objectUsed = new boolean[no];
        boolean[] hypothesisUsed = new boolean[nh];
        for (int i = 0; i < no; i++) {
            for (int j = 0; j < nh; j++) {
                if (Double.isFinite(d[i][j])) {
                    events.add(new Event(frame, Type.RAW, objectIds[i], hypothesisIds[j], d[i][j]));
                    objectUsed[i] = true;
                    hypothesisUsed[j] = true;
                }
            }
        }
        for (int i = 0; i < no; i++) {
            if (!objectUsed[i]) {
                events.add(new Event(frame, Type.RAW, objectIds[i], NONE, Double.NaN));
            }
        }
        for (int j = 0; j < nh; j++) {
            if (!hypothesisUsed[j]) {
                events.add(new Event(frame, Type.RAW, NONE, hypothesisIds[j], Double.NaN));
            }
        }

        if (no > 0 && nh > 0) {
            // 1. Re-establish the pairs of the last update.
            for (int i = 0; i < no; i++) {
                long o = objectIds[i];
                Long previous = pairedHypothesis.get(o);
                if (previous == null || !lastMatch.get(o).equals(lastUpdateFrame)) {
                    continue;
                }
                for (int j = 0; j < nh; j++) {
                    if (!hypothesisDone[j] && hypothesisIds[j] == previous) {
                        if (Double.isFinite(d[i][j])) {
                            objectDone[i] = true;
                            hypothesisDone[j] = true;
                            events.add(new Event(frame, Type.MATCH, o, hypothesisIds[j], d[i][j]));
                            lastMatch.put(o, frame);
                            hypothesisHistory.put(hypothesisIds[j], frame);
                        }
                        break;
                    }
                }
            }
            // 2. The remaining objects and hypotheses.
            for (int i = 0; i < no; i++) {
                for (int j = 0; j < nh; j++) {
                    if (objectDone[i] || hypothesisDone[j]) {
                        d[i][j] = Double.NaN;
                    }
                }
            }
            int[] assignment = LinearAssignment.maximumMatching(d);
            for (int i = 0; i < no; i++) {
                int j = assignment[i];
                if (j == LinearAssignment.UNASSIGNED || !Double.isFinite(d[i][j])) {
                    continue;
                }
                long o = objectIds[i];
                long h = hypothesisIds[j];
                boolean isSwitch = pairedHypothesis.containsKey(o)
                        && pairedHypothesis.get(o) != h
                        && lastOccurrence.containsKey(o);
                if (isSwitch && !hypothesisHistory.containsKey(h)) {
                    events.add(new Event(frame, Type.ASCEND, o, h, d[i][j]));
                }
                boolean isTransfer = pairedObject.containsKey(h) && pairedObject.get(h) != o;
                if (isTransfer) {
                    if (!lastMatch.containsKey(o)) {
                        events.add(new Event(frame, Type.MIGRATE, o, h, d[i][j]));
                    }
                    events.add(new Event(frame, Type.TRANSFER, o, h, d[i][j]));
                }
                hypothesisHistory.put(h, frame);
                lastMatch.put(o, frame);
                events.add(new Event(frame, isSwitch ? Type.SWITCH : Type.MATCH, o, h, d[i][j]));
                objectDone[i] = true;
                hypothesisDone[j] = true;
                pairedHypothesis.put(o, h);
                pairedObject.put(h, o);
            }
        }
        // 3. Objects left are missed; 4. hypotheses left are false alarms.
        for (int i = 0; i < no; i++) {
            if (!objectDone[i]) {
                events.add(new Event(frame, Type.MISS, objectIds[i], NONE, Double.NaN));
            }
        }
        for (int j = 0; j < nh; j++) {
            if (!hypothesisDone[j]) {
                events.add(new Event(frame, Type.FP, NONE, hypothesisIds[j], Double.NaN));
            }
        }
        // 5. Occurrences.
        for (long o : objectIds) {
            lastOccurrence.put(o, frame);
        }
        lastUpdateFrame = frame;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }
}
