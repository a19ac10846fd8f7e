package dev.vigil.model.track;

/**
 * ByteTrack's constant-velocity Kalman filter on a box ({@code yolox/tracker/kalman_filter.py}, from DeepSORT). The
 * state is x, y (the box's centre), a (width / height), h (height) and their velocities vx, vy, va, vh; a detected box
 * (x, y, a, h) observes the first four. Noise is relative to the height: σ = h / 20 for positions and h / 160 for
 * velocities (constants for the aspect ratio), as in {@code kalman_filter.py}.
 *
 * <p>The motion (F), process noise (Q), observation (H) and observation noise (R) matrices never couple one
 * coordinate with another, so the 8×8 covariance stays block-diagonal in the pairs (x, vx), (y, vy), (a, va), (h, vh),
 * exactly, and the 4×4 innovation covariance is diagonal. The filter keeps the four symmetric 2×2 blocks (12 numbers)
 * and ByteTrack's Cholesky solve becomes a division; the arithmetic is otherwise that of the 8×8 form.
 *
 * <p>Arrays: {@code mean} has 8 entries (x, y, a, h, vx, vy, va, vh); {@code covariance} has 12: for coordinate i in
 * 0..3, {@code [3i]} = var(position), {@code [3i + 1]} = cov(position, velocity), {@code [3i + 2]} = var(velocity).
 */
final class KalmanFilter {

    static final int MEAN_SIZE = 8;
    static final int COVARIANCE_SIZE = 12;
    static final int HEIGHT = 3;
    static final int HEIGHT_VELOCITY = 7;

    private static final double STD_WEIGHT_POSITION = 1.0 / 20;
    private static final double STD_WEIGHT_VELOCITY = 1.0 / 160;
    private static final double ASPECT_STD_INITIATE = 1e-2;
    private static final double ASPECT_STD_PROCESS = 1e-2;
    private static final double ASPECT_VELOCITY_STD = 1e-5;
    private static final double ASPECT_STD_OBSERVATION = 1e-1;

    private KalmanFilter() {}

    /** {@code initiate}: a track from an unassociated measurement (x, y, a, h); velocities start at 0. */
    static void initiate(double[] measurement, double[] mean, double[] covariance) {
        double h = measurement[HEIGHT];
        for (int i = 0; i < 4; i++) {
            mean[i] = measurement[i];
            mean[4 + i] = 0;
            double positionStd = i == 2 ? ASPECT_STD_INITIATE : 2 * STD_WEIGHT_POSITION * h;
            double velocityStd = i == 2 ? ASPECT_VELOCITY_STD : 10 * STD_WEIGHT_VELOCITY * h;
            covariance[3 * i] = positionStd * positionStd;
            covariance[3 * i + 1] = 0;
            covariance[3 * i + 2] = velocityStd * velocityStd;
        }
    }

    /** {@code predict}: one frame of constant velocity, x ← F x, P ← F P Fᵀ + Q (Q from the height before the step). */
    static void predict(double[] mean, double[] covariance) {
        double h = mean[HEIGHT];
        for (int i = 0; i < 4; i++) {
            double positionStd = i == 2 ? ASPECT_STD_PROCESS : STD_WEIGHT_POSITION * h;
            double velocityStd = i == 2 ? ASPECT_VELOCITY_STD : STD_WEIGHT_VELOCITY * h;
            mean[i] += mean[4 + i];
            double pp = covariance[3 * i];
            double pv = covariance[3 * i + 1];
            double vv = covariance[3 * i + 2];
            covariance[3 * i] = (pp + pv) + (pv + vv) + positionStd * positionStd;
            covariance[3 * i + 1] = pv + vv;
            covariance[3 * i + 2] = vv + velocityStd * velocityStd;
        }
    }

    /**
     * {@code update}: the correction by a measurement (x, y, a, h). The projection ({@code project}) adds the
     * observation noise from the predicted height; the gain is K = P Hᵀ S⁻¹.
     */
    static void update(double[] mean, double[] covariance, double[] measurement) {
        double h = mean[HEIGHT];
        for (int i = 0; i < 4; i++) {
            double observationStd = i == 2 ? ASPECT_STD_OBSERVATION : STD_WEIGHT_POSITION * h;
            double pp = covariance[3 * i];
            double pv = covariance[3 * i + 1];
            double vv = covariance[3 * i + 2];
            double innovationCovariance = pp + observationStd * observationStd;
            double gainPosition = pp / innovationCovariance;
            double gainVelocity = pv / innovationCovariance;
            double innovation = measurement[i] - mean[i];
            mean[i] += gainPosition * innovation;
            mean[4 + i] += gainVelocity * innovation;
            covariance[3 * i] = pp - gainPosition * innovationCovariance * gainPosition;
            covariance[3 * i + 1] = pv - gainPosition * innovationCovariance * gainVelocity;
            covariance[3 * i + 2] = vv - gainVelocity * innovationCovariance * gainVelocity;
        }
    }

    /** {@code tlwh_to_xyah} for corners: centre, aspect ratio (width / height), height. */
    static double[] measurement(DetectedBox box) {
        double width = (double) box.x2() - box.x1();
        double height = (double) box.y2() - box.y1();
        return new double[] {box.x1() + width / 2, box.y1() + height / 2, width / height, height};
    }

    /** The mean's box as corners x1, y1, x2, y2 ({@code STrack.tlbr}). */
    static double[] corners(double[] mean) {
        double height = mean[HEIGHT];
        double width = mean[2] * height;
        return new double[] {mean[0] - width / 2, mean[1] - height / 2, mean[0] + width / 2, mean[1] + height / 2};
    }
}
