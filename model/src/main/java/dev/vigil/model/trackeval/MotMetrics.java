package dev.vigil.model.trackeval;

import dev.vigil.model.track.LinearAssignment;
import dev.vigil.model.trackeval.MotAccumulator.Event;
import dev.vigil.model.trackeval.MotAccumulator.Type;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The metrics of py-motmetrics' {@code metrics.create()}, by its names. Counts are over object and hypothesis
 * appearances (one per box and frame). Ratios with a zero denominator are NaN.
 *
 * @param numFrames {@code num_frames}: frames scored
 * @param numObjects {@code num_objects}: ground-truth appearances
 * @param numPredictions {@code num_predictions}: hypothesis appearances
 * @param numUniqueObjects {@code num_unique_objects}
 * @param numMatches {@code num_matches}: MATCH events
 * @param numSwitches {@code num_switches}: ID switches
 * @param numFalsePositives {@code num_false_positives}
 * @param numMisses {@code num_misses}
 * @param numFragmentations {@code num_fragmentations}: tracked to not tracked, within an object's tracked span
 * @param numTransfer {@code num_transfer}
 * @param numAscend {@code num_ascend}
 * @param numMigrate {@code num_migrate}
 * @param mostlyTracked objects tracked for at least 80% of their appearances
 * @param partiallyTracked objects tracked for 20% to 80%
 * @param mostlyLost objects tracked for less than 20%
 * @param motpDistanceSum the sum of the distances (1 − IoU) of matched pairs, which {@code motp} divides
 * @param idfp {@code idfp}: false positives after the global identity matching
 * @param idfn {@code idfn}
 * @param idtp {@code idtp}
 */
public record MotMetrics(
        long numFrames,
        long numObjects,
        long numPredictions,
        long numUniqueObjects,
        long numMatches,
        long numSwitches,
        long numFalsePositives,
        long numMisses,
        long numFragmentations,
        long numTransfer,
        long numAscend,
        long numMigrate,
        long mostlyTracked,
        long partiallyTracked,
        long mostlyLost,
        double motpDistanceSum,
        double idfp,
        double idfn,
        double idtp) {

    private static final Set<Type> NO_RAW = EnumSet.of(Type.MATCH, Type.SWITCH, Type.MISS, Type.FP);

    /** {@code num_detections}: matches and switches. */
    public long numDetections() {
        return numMatches + numSwitches;
    }

    /** {@code mota}: 1 − (misses + switches + false positives) / objects. */
    public double mota() {
        return 1 - ratio(numMisses + numSwitches + numFalsePositives, numObjects);
    }

    /** {@code motp}: the mean distance 1 − IoU of the matched pairs (lower is better, as py-motmetrics reports it). */
    public double motp() {
        return ratio(motpDistanceSum, numDetections());
    }

    public double precision() {
        return ratio(numDetections(), numFalsePositives + numDetections());
    }

    public double recall() {
        return ratio(numDetections(), numObjects);
    }

    public double idp() {
        return ratio(idtp, idtp + idfp);
    }

    public double idr() {
        return ratio(idtp, idtp + idfn);
    }

    /** {@code idf1}: 2 IDTP / (objects + predictions). */
    public double idf1() {
        return ratio(2 * idtp, numObjects + numPredictions);
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    /** The metrics of one accumulator's events. */
    public static MotMetrics of(MotAccumulator accumulator) {
        List<Event> events = accumulator.events();
        Set<Integer> frames = new HashSet<>();
        Map<Type, Long> counts = new HashMap<>();
        double distanceSum = 0;
        Map<Long, List<Event>> byObject = new LinkedHashMap<>();
        long predictions = 0;
        for (Event e : events) {
            frames.add(e.frame());
            counts.merge(e.type(), 1L, Long::sum);
            if (!NO_RAW.contains(e.type())) {
                continue;
            }
            if (!Double.isNaN(e.distance())) {
                distanceSum += e.distance();
            }
            if (e.objectId() != MotAccumulator.NONE) {
                byObject.computeIfAbsent(e.objectId(), o -> new ArrayList<>()).add(e);
            }
            if (e.hypothesisId() != MotAccumulator.NONE) {
                predictions++;
            }
        }
        long objects = 0;
        long mostlyTracked = 0;
        long partiallyTracked = 0;
        long mostlyLost = 0;
        long fragmentations = 0;
        for (List<Event> objectEvents : byObject.values()) {
            objects += objectEvents.size();
            long tracked =
                    objectEvents.stream().filter(e -> e.type() != Type.MISS).count();
            double trackRatio = (double) tracked / objectEvents.size();
            if (trackRatio >= 0.8) {
                mostlyTracked++;
            } else if (trackRatio >= 0.2) {
                partiallyTracked++;
            } else {
                mostlyLost++;
            }
            fragmentations += fragmentations(objectEvents);
        }
        double[] identity = identityMeasures(events);
        return new MotMetrics(
                frames.size(),
                objects,
                predictions,
                byObject.size(),
                counts.getOrDefault(Type.MATCH, 0L),
                counts.getOrDefault(Type.SWITCH, 0L),
                counts.getOrDefault(Type.FP, 0L),
                counts.getOrDefault(Type.MISS, 0L),
                fragmentations,
                counts.getOrDefault(Type.TRANSFER, 0L),
                counts.getOrDefault(Type.ASCEND, 0L),
                counts.getOrDefault(Type.MIGRATE, 0L),
                mostlyTracked,
                partiallyTracked,
                mostlyLost,
                distanceSum,
                identity[0],
                identity[1],
                objects - identity[1]);
    }

    /**
     * {@code compute_overall}: the counts of several accumulators (e.g. one per class or sequence) added up, the ratios
     * computed from the sums.
     */
    public static MotMetrics overall(List<MotMetrics> parts) {
        long[] sums = new long[15];
        double distance = 0;
        double idfp = 0;
        double idfn = 0;
        double idtp = 0;
        for (MotMetrics m : parts) {
            long[] values = {
                m.numFrames, m.numObjects, m.numPredictions, m.numUniqueObjects, m.numMatches, m.numSwitches,
                m.numFalsePositives, m.numMisses, m.numFragmentations, m.numTransfer, m.numAscend, m.numMigrate,
                m.mostlyTracked, m.partiallyTracked, m.mostlyLost
            };
            for (int i = 0; i < sums.length; i++) {
                sums[i] += values[i];
            }
            distance += m.motpDistanceSum;
            idfp += m.idfp;
            idfn += m.idfn;
            idtp += m.idtp;
        }
        return new MotMetrics(
                sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7], sums[8], sums[9], sums[10],
                sums[11], sums[12], sums[13], sums[14], distance, idfp, idfn, idtp);
    }

    /** {@code num_fragmentations} for one object: its events in frame order, one per frame it appears in. */
    private static long fragmentations(List<Event> objectEvents) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < objectEvents.size(); i++) {
            if (objectEvents.get(i).type() != Type.MISS) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        long count = 0;
        for (int i = Math.max(first, 0) + 1; first >= 0 && i <= last; i++) {
            if (objectEvents.get(i).type() == Type.MISS
                    && objectEvents.get(i - 1).type() != Type.MISS) {
                count++;
            }
        }
        return count;
    }

    /**
     * {@code id_global_assignment}: each object trajectory is matched to at most one hypothesis trajectory by a global
     * minimum-cost assignment over an (O + H)² matrix; the cost of a pair is the frames where only one of them is
     * there or they are too far apart (false negatives plus false positives), an object left alone costs all its
     * frames, a hypothesis left alone all its own.
     *
     * @return {idfp, idfn}
     */
    private static double[] identityMeasures(List<Event> events) {
        Map<Long, Set<Integer>> objectFrames = new TreeMap<>();
        Map<Long, Set<Integer>> hypothesisFrames = new TreeMap<>();
        Map<Long, Map<Long, Long>> together = new HashMap<>();
        for (Event e : events) {
            if (e.type() != Type.RAW) {
                continue;
            }
            if (e.objectId() != MotAccumulator.NONE) {
                objectFrames.computeIfAbsent(e.objectId(), o -> new HashSet<>()).add(e.frame());
            }
            if (e.hypothesisId() != MotAccumulator.NONE) {
                hypothesisFrames
                        .computeIfAbsent(e.hypothesisId(), h -> new HashSet<>())
                        .add(e.frame());
            }
            if (e.objectId() != MotAccumulator.NONE && e.hypothesisId() != MotAccumulator.NONE) {
                together.computeIfAbsent(e.objectId(), o -> new HashMap<>()).merge(e.hypothesisId(), 1L, Long::sum);
            }
        }
        List<Long> objects = new ArrayList<>(objectFrames.keySet());
        List<Long> hypotheses = new ArrayList<>(hypothesisFrames.keySet());
        int no = objects.size();
        int nh = hypotheses.size();
        int n = no + nh;
        double[][] fp = new double[n][n];
        double[][] fn = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (r >= no && c < nh) {
                    fp[r][c] = Double.NaN;
                }
                if (r < no && c >= nh) {
                    fn[r][c] = Double.NaN;
                }
            }
        }
        for (int r = 0; r < no; r++) {
            int oc = objectFrames.get(objects.get(r)).size();
            for (int c = 0; c < nh; c++) {
                fn[r][c] = oc;
            }
            fn[r][nh + r] = oc;
        }
        for (int c = 0; c < nh; c++) {
            int hc = hypothesisFrames.get(hypotheses.get(c)).size();
            for (int r = 0; r < no; r++) {
                fp[r][c] = hc;
            }
            fp[c + no][c] = hc;
        }
        Map<Long, Integer> hypothesisIndex = new HashMap<>();
        for (int c = 0; c < nh; c++) {
            hypothesisIndex.put(hypotheses.get(c), c);
        }
        for (int r = 0; r < no; r++) {
            for (Map.Entry<Long, Long> pair :
                    together.getOrDefault(objects.get(r), Map.of()).entrySet()) {
                int c = hypothesisIndex.get(pair.getKey());
                fp[r][c] -= pair.getValue();
                fn[r][c] -= pair.getValue();
            }
        }
        double[][] costs = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                costs[r][c] = fp[r][c] + fn[r][c];
            }
        }
        int[] assignment = LinearAssignment.maximumMatching(costs);
        double idfp = 0;
        double idfn = 0;
        for (int r = 0; r < n; r++) {
            int c = assignment[r];
            if (c != LinearAssignment.UNASSIGNED) {
                idfp += fp[r][c];
                idfn += fn[r][c];
            }
        }
        return new double[] {idfp, idfn};
    }
}
