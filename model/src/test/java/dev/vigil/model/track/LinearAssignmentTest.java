package dev.vigil.model.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link LinearAssignment} against brute force over every partial assignment of small matrices. */
class LinearAssignmentTest {

    @Test
    void costLimitLeavesPairsAtOrAboveTheLimitUnmade() {
        double[][] cost = {
            {0.1, 0.9},
            {0.85, 0.95}
        };
        // 0.1 is made; the second row's pairs cost more than the limit, so it stays unassigned
        assertThat(LinearAssignment.withCostLimit(cost, 0.8)).containsExactly(0, LinearAssignment.UNASSIGNED);
    }

    @Test
    void costLimitPrefersTwoFairPairsToOneGoodOne() {
        // The pair (0, 0) alone leaves a row and a column unassigned at 0.4 each: 0.1 + 0.8 = 0.9, cheaper than the
        // two pairs 0.5 + 0.5 = 1.0. Two pairs at 0.3 each (0.6) are cheaper than 0.9.
        double[][] oneGood = {{0.1, 0.5}, {0.5, 0.95}};
        assertThat(LinearAssignment.withCostLimit(oneGood, 0.8)).containsExactly(0, LinearAssignment.UNASSIGNED);
        double[][] twoFair = {{0.1, 0.3}, {0.3, 0.95}};
        assertThat(LinearAssignment.withCostLimit(twoFair, 0.8)).containsExactly(1, 0);
    }

    @Test
    void maximumMatchingMakesTheMostPairsBeforeTheCheapest() {
        double nan = Double.NaN;
        // o1 may take h1 (0.1) or h2 (0.4); o2 only h1 (0.45): two pairs beat the cheapest single one
        double[][] cost = {{0.1, 0.4}, {0.45, nan}};
        assertThat(LinearAssignment.maximumMatching(cost)).containsExactly(1, 0);
    }

    @Test
    void agreesWithBruteForceOnRandomMatrices() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 400; trial++) {
            int rows = random.nextInt(0, 6);
            int columns = rows == 0 ? 0 : random.nextInt(0, 6); // a matrix without rows has no columns either
            double[][] cost = new double[rows][columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    double roll = random.nextDouble();
                    cost[r][c] = roll < 0.2 ? Double.POSITIVE_INFINITY : roll < 0.3 ? Double.NaN : random.nextDouble();
                }
            }
            double limit = 0.7;
            int[] limited = LinearAssignment.withCostLimit(cost, limit);
            assertThat(limitedCost(cost, limited, limit))
                    .as("trial %d", trial)
                    .isCloseTo(
                            bestLimited(cost, 0, new boolean[columns], limit),
                            org.assertj.core.api.Assertions.within(1e-12));
            int[] matched = LinearAssignment.maximumMatching(cost);
            double[] best = bestMatching(cost, 0, new boolean[columns]);
            assertThat(pairs(cost, matched)).as("trial %d pairs", trial).isEqualTo((int) best[0]);
            assertThat(matchedCost(cost, matched))
                    .as("trial %d cost", trial)
                    .isCloseTo(best[1], org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    private static double limitedCost(double[][] cost, int[] assignment, double limit) {
        int columns = cost.length == 0 ? 0 : cost[0].length;
        double total = 0;
        int made = 0;
        for (int r = 0; r < cost.length; r++) {
            if (assignment[r] >= 0) {
                assertThat(cost[r][assignment[r]]).isLessThan(limit);
                total += cost[r][assignment[r]];
                made++;
            }
        }
        return total + (cost.length + columns - 2.0 * made) * limit / 2;
    }

    private static double bestLimited(double[][] cost, int row, boolean[] used, double limit) {
        if (row == cost.length) {
            long free = 0;
            for (boolean u : used) {
                free += u ? 0 : 1;
            }
            return free * limit / 2;
        }
        double best = limit / 2 + bestLimited(cost, row + 1, used, limit);
        for (int c = 0; c < used.length; c++) {
            if (!used[c] && cost[row][c] < limit) {
                used[c] = true;
                best = Math.min(best, cost[row][c] + bestLimited(cost, row + 1, used, limit));
                used[c] = false;
            }
        }
        return best;
    }

    /** {most pairs, least cost among those}. */
    private static double[] bestMatching(double[][] cost, int row, boolean[] used) {
        if (row == cost.length) {
            return new double[] {0, 0};
        }
        double[] best = bestMatching(cost, row + 1, used);
        for (int c = 0; c < used.length; c++) {
            if (!used[c] && Double.isFinite(cost[row][c])) {
                used[c] = true;
                double[] rest = bestMatching(cost, row + 1, used);
                double[] candidate = {rest[0] + 1, rest[1] + cost[row][c]};
                if (candidate[0] > best[0] || (candidate[0] == best[0] && candidate[1] < best[1] - 1e-15)) {
                    best = candidate;
                }
                used[c] = false;
            }
        }
        return best;
    }

    private static int pairs(double[][] cost, int[] assignment) {
        int made = 0;
        java.util.Set<Integer> columns = new java.util.HashSet<>();
        for (int r = 0; r < cost.length; r++) {
            if (assignment[r] >= 0) {
                assertThat(columns.add(assignment[r]))
                        .as("column %d assigned twice", assignment[r])
                        .isTrue();
                assertThat(Double.isFinite(cost[r][assignment[r]])).isTrue();
                made++;
            }
        }
        return made;
    }

    private static double matchedCost(double[][] cost, int[] assignment) {
        double total = 0;
        for (int r = 0; r < cost.length; r++) {
            if (assignment[r] >= 0) {
                total += cost[r][assignment[r]];
            }
        }
        return total;
    }
}
