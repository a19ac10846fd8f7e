package dev.vigil.model.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The block form of {@link KalmanFilter} against the 8×8 matrix form of ByteTrack's {@code kalman_filter.py}, computed
 * here with plain matrices (F, Q, H, R and a general 4×4 inverse in place of the Cholesky solve).
 */
class KalmanFilterTest {

    private static final double WP = 1.0 / 20;
    private static final double WV = 1.0 / 160;

    @Test
    void blockFormEqualsTheFullMatrixFormOverPredictionsAndUpdates() {
        double[] measurement = {100, 80, 0.4, 60};
        double[] mean = new double[8];
        double[] cov = new double[12];
        KalmanFilter.initiate(measurement, mean, cov);

        double[] fullMean = {100, 80, 0.4, 60, 0, 0, 0, 0};
        double[] initStd = {2 * WP * 60, 2 * WP * 60, 1e-2, 2 * WP * 60, 10 * WV * 60, 10 * WV * 60, 1e-5, 10 * WV * 60
        };
        double[][] fullCov = diagonalOfSquares(initStd);
        assertSame(mean, cov, fullMean, fullCov);

        double[][] measurements = {{103, 81, 0.41, 61}, {107, 82, 0.40, 62}, {110, 84, 0.39, 62.5}, {114, 85, 0.4, 63}};
        for (int step = 0; step < measurements.length; step++) {
            KalmanFilter.predict(mean, cov);
            Object[] predicted = fullPredict(fullMean, fullCov);
            fullMean = (double[]) predicted[0];
            fullCov = (double[][]) predicted[1];
            assertSame(mean, cov, fullMean, fullCov);
            if (step == 2) {
                continue; // a missed frame: two predictions in a row
            }
            KalmanFilter.update(mean, cov, measurements[step]);
            Object[] updated = fullUpdate(fullMean, fullCov, measurements[step]);
            fullMean = (double[]) updated[0];
            fullCov = (double[][]) updated[1];
            assertSame(mean, cov, fullMean, fullCov);
        }
        // the filter learnt the motion: about +3.5 px/frame in x
        assertThat(mean[4]).isBetween(1.0, 5.0);
    }

    @Test
    void cornersAndMeasurementAreInverse() {
        DetectedBox box = new DetectedBox(1, 0.9f, 10, 20, 40, 80);
        double[] xyah = KalmanFilter.measurement(box);
        assertThat(xyah).containsExactly(25, 50, 0.5, 60);
        double[] mean = {25, 50, 0.5, 60, 0, 0, 0, 0};
        assertThat(KalmanFilter.corners(mean)).containsExactly(10, 20, 40, 80);
    }

    private static void assertSame(double[] mean, double[] cov, double[] fullMean, double[][] fullCov) {
        for (int i = 0; i < 8; i++) {
            assertThat(mean[i]).as("mean[%d]", i).isCloseTo(fullMean[i], within(1e-9 * (1 + Math.abs(fullMean[i]))));
        }
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                double expected = fullCov[r][c];
                double actual = block(cov, r, c);
                assertThat(actual).as("cov[%d][%d]", r, c).isCloseTo(expected, within(1e-9 * (1 + Math.abs(expected))));
            }
        }
    }

    /** The 8×8 entry (r, c) of the block-stored covariance; 0 outside the (i, i+4) pairs. */
    private static double block(double[] cov, int r, int c) {
        if (r % 4 != c % 4) {
            return 0;
        }
        int i = r % 4;
        if (r < 4 && c < 4) {
            return cov[3 * i];
        }
        if (r >= 4 && c >= 4) {
            return cov[3 * i + 2];
        }
        return cov[3 * i + 1];
    }

    private static Object[] fullPredict(double[] mean, double[][] cov) {
        double h = mean[3];
        double[][] f = identity(8);
        for (int i = 0; i < 4; i++) {
            f[i][4 + i] = 1;
        }
        double[][] q = diagonalOfSquares(new double[] {WP * h, WP * h, 1e-2, WP * h, WV * h, WV * h, 1e-5, WV * h});
        return new Object[] {multiply(f, mean), add(multiply(multiply(f, cov), transpose(f)), q)};
    }

    private static Object[] fullUpdate(double[] mean, double[][] cov, double[] z) {
        double h = mean[3];
        double[][] hm = new double[4][8];
        for (int i = 0; i < 4; i++) {
            hm[i][i] = 1;
        }
        double[][] r = diagonalOfSquares(new double[] {WP * h, WP * h, 1e-1, WP * h});
        double[][] s = add(multiply(multiply(hm, cov), transpose(hm)), r);
        double[][] gain = multiply(multiply(cov, transpose(hm)), inverse(s));
        double[] projected = multiply(hm, mean);
        double[] innovation = new double[4];
        for (int i = 0; i < 4; i++) {
            innovation[i] = z[i] - projected[i];
        }
        double[] correction = multiply(gain, innovation);
        double[] newMean = mean.clone();
        for (int i = 0; i < 8; i++) {
            newMean[i] += correction[i];
        }
        double[][] newCov = add(cov, scale(multiply(multiply(gain, s), transpose(gain)), -1));
        return new Object[] {newMean, newCov};
    }

    private static double[][] diagonalOfSquares(double[] std) {
        double[][] m = new double[std.length][std.length];
        for (int i = 0; i < std.length; i++) {
            m[i][i] = std[i] * std[i];
        }
        return m;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] m = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) {
                    m[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return m;
    }

    private static double[] multiply(double[][] a, double[] v) {
        double[] m = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < v.length; k++) {
                m[i] += a[i][k] * v[k];
            }
        }
        return m;
    }

    private static double[][] transpose(double[][] a) {
        double[][] m = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                m[j][i] = a[i][j];
            }
        }
        return m;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] m = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                m[i][j] = a[i][j] + b[i][j];
            }
        }
        return m;
    }

    private static double[][] scale(double[][] a, double s) {
        double[][] m = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                m[i][j] = a[i][j] * s;
            }
        }
        return m;
    }

    /** Gauss–Jordan with partial pivoting. */
    private static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            double p = m[col][col];
            for (int j = 0; j < 2 * n; j++) {
                m[col][j] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double factor = m[r][col];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= factor * m[col][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
