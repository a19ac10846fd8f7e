package dev.vigil.model.track;

import java.util.Arrays;

/**
 * Minimum-cost assignment between the rows and columns of a cost matrix, solved exactly by the Hungarian method with
 * potentials (shortest augmenting paths, as in Jonker–Volgenant). Two questions are asked of it:
 *
 * <ul>
 *   <li>{@link #withCostLimit}: ByteTrack's {@code matching.linear_assignment}, i.e. {@code lap.lapjv(cost,
 *       extend_cost=True, cost_limit=limit)}: leaving a row or a column unassigned costs {@code limit / 2}, so a pair
 *       costing {@code limit} or more is never worth making;
 *   <li>{@link #maximumMatching}: py-motmetrics' {@code linear_sum_assignment} over a matrix whose NaN entries are
 *       forbidden (it replaces them by a cost so large that the most pairs are made first, then the cheapest).
 * </ul>
 *
 * Both split the matrix into the connected groups of rows and columns that allowed pairs join, and solve each group on
 * its own: the optimum is the same, and the groups are small when boxes only overlap their neighbours.
 */
public final class LinearAssignment {

    /** A row or column left unassigned. */
    public static final int UNASSIGNED = -1;

    private LinearAssignment() {}

    /**
     * The assignment of least total cost when each unassigned row and column costs {@code limit / 2}: only pairs
     * cheaper than {@code limit} are made. Infinite and NaN costs are forbidden pairs.
     *
     * @param cost R×C costs
     * @return for each row, its column, or {@link #UNASSIGNED}
     */
    public static int[] withCostLimit(double[][] cost, double limit) {
        int columns = columns(cost);
        boolean[][] allowed = new boolean[cost.length][columns];
        for (int r = 0; r < cost.length; r++) {
            for (int c = 0; c < columns; c++) {
                allowed[r][c] = cost[r][c] < limit;
            }
        }
        // Relative to leaving both unassigned, a pair changes the total by cost - limit (< 0 when allowed).
        return solveByGroups(cost, allowed, (r, c) -> allowed[r][c] ? cost[r][c] - limit : 0);
    }

    /**
     * The assignment with the most pairs among the finite (not NaN, not infinite) entries, and of least total cost
     * among those.
     *
     * @param cost R×C costs, NaN or infinite where a pair is not allowed
     * @return for each row, its column, or {@link #UNASSIGNED}
     */
    public static int[] maximumMatching(double[][] cost) {
        int columns = columns(cost);
        boolean[][] allowed = new boolean[cost.length][columns];
        double largest = 0;
        for (int r = 0; r < cost.length; r++) {
            for (int c = 0; c < columns; c++) {
                allowed[r][c] = Double.isFinite(cost[r][c]);
                if (allowed[r][c]) {
                    largest = Math.max(largest, Math.abs(cost[r][c]));
                }
            }
        }
        // motmetrics.lap.add_expensive_edges: one forbidden pair costs more than any assignment of allowed ones.
        double forbidden = 2.0 * Math.min(cost.length, columns) * (largest + 1) + 1;
        return solveByGroups(cost, allowed, (r, c) -> allowed[r][c] ? cost[r][c] : forbidden);
    }

    @FunctionalInterface
    private interface GroupCost {
        double at(int row, int column);
    }

    private static int columns(double[][] cost) {
        int columns = cost.length == 0 ? 0 : cost[0].length;
        for (double[] row : cost) {
            if (row.length != columns) {
                throw new IllegalArgumentException(
                        "cost matrix rows differ in length: " + row.length + " and " + columns);
            }
        }
        return columns;
    }

    private static int[] solveByGroups(double[][] cost, boolean[][] allowed, GroupCost groupCost) {
        int rows = cost.length;
        int columns = columns(cost);
        int[] assignment = new int[rows];
        Arrays.fill(assignment, UNASSIGNED);
        // union-find over rows 0..R-1 and columns R..R+C-1
        int[] parent = new int[rows + columns];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                if (allowed[r][c]) {
                    union(parent, r, rows + c);
                }
            }
        }
        boolean[] done = new boolean[rows];
        int[] groupRows = new int[rows];
        int[] groupColumns = new int[columns];
        for (int first = 0; first < rows; first++) {
            if (done[first]) {
                continue;
            }
            int root = find(parent, first);
            int nRows = 0;
            for (int r = first; r < rows; r++) {
                if (!done[r] && find(parent, r) == root) {
                    done[r] = true;
                    groupRows[nRows++] = r;
                }
            }
            int nColumns = 0;
            for (int c = 0; c < columns; c++) {
                if (find(parent, rows + c) == root) {
                    groupColumns[nColumns++] = c;
                }
            }
            if (nColumns == 0) {
                continue;
            }
            double[][] group = new double[nRows][nColumns];
            for (int i = 0; i < nRows; i++) {
                for (int j = 0; j < nColumns; j++) {
                    group[i][j] = groupCost.at(groupRows[i], groupColumns[j]);
                }
            }
            int[] solved = solve(group);
            for (int i = 0; i < nRows; i++) {
                if (solved[i] != UNASSIGNED && allowed[groupRows[i]][groupColumns[solved[i]]]) {
                    assignment[groupRows[i]] = groupColumns[solved[i]];
                }
            }
        }
        return assignment;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        if (rootA != rootB) {
            parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
        }
    }

    /**
     * A full assignment of least cost of the smaller side into the larger one (finite costs).
     *
     * @return for each row, its column, or {@link #UNASSIGNED} for rows beyond the number of columns
     */
    static int[] solve(double[][] cost) {
        int rows = cost.length;
        int columns = rows == 0 ? 0 : cost[0].length;
        if (rows <= columns) {
            return hungarian(cost, rows, columns, false);
        }
        int[] columnToRow = hungarian(cost, columns, rows, true);
        int[] rowToColumn = new int[rows];
        Arrays.fill(rowToColumn, UNASSIGNED);
        for (int c = 0; c < columns; c++) {
            rowToColumn[columnToRow[c]] = c;
        }
        return rowToColumn;
    }

    /**
     * The Hungarian method with potentials for n ≤ m: each of the n "left" items gets one of the m "right" ones.
     * With {@code transposed}, left items are the matrix's columns.
     */
    private static int[] hungarian(double[][] cost, int n, int m, boolean transposed) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] owner = new int[m + 1]; // owner[j]: the left item (1-based) holding right item j, 0 if none
        int[] way = new int[m + 1];
        double[] minimum = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            owner[0] = i;
            int j0 = 0;
            Arrays.fill(minimum, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = owner[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double c = transposed ? cost[j - 1][i0 - 1] : cost[i0 - 1][j - 1];
                        double reduced = c - u[i0] - v[j];
                        if (reduced < minimum[j]) {
                            minimum[j] = reduced;
                            way[j] = j0;
                        }
                        if (minimum[j] < delta) {
                            delta = minimum[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[owner[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minimum[j] -= delta;
                    }
                }
                j0 = j1;
            } while (owner[j0] != 0);
            do {
                int j1 = way[j0];
                owner[j0] = owner[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] leftToRight = new int[n];
        Arrays.fill(leftToRight, UNASSIGNED);
        for (int j = 1; j <= m; j++) {
            if (owner[j] != 0) {
                leftToRight[owner[j] - 1] = j - 1;
            }
        }
        return leftToRight;
    }
}
