package dev.vigil.stream.detect;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.schemas.Frame;
import java.util.List;

/**
 * Another factory's detectors with hooks: one when a detector is made, one on the calling thread before each batch;
 * for benchmarks and tests that watch the calls (which thread runs the detector, how many detectors were made) or
 * make them fail (a native failure). Everything else is the other factory's.
 */
public final class HookedDetectors implements DetectorFactory {

    private final DetectorFactory real;
    private final Runnable onEachDetector;
    private final Runnable beforeEachBatch;

    /**
     * @param onEachDetector  runs each time a detector is made
     * @param beforeEachBatch runs before each batch; what it throws, the detector's call throws
     */
    public HookedDetectors(DetectorFactory real, Runnable onEachDetector, Runnable beforeEachBatch) {
        this.real = real;
        this.onEachDetector = onEachDetector;
        this.beforeEachBatch = beforeEachBatch;
    }

    @Override
    public FrameBatchDetector get() {
        FrameBatchDetector detector = real.get();
        onEachDetector.run();
        return new FrameBatchDetector() {
            @Override
            public ModelIdentity model() {
                return detector.model();
            }

            @Override
            public List<FrameResult> detect(List<Frame> frames) {
                beforeEachBatch.run();
                return detector.detect(frames);
            }

            @Override
            public void close() {
                detector.close();
            }
        };
    }

    @Override
    public ModelIdentity model() {
        return real.model();
    }

    @Override
    public String source() {
        return real.source();
    }

    @Override
    public DeviceChoice device() {
        return real.device();
    }
}
