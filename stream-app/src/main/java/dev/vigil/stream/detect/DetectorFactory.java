package dev.vigil.stream.detect;

import dev.vigil.model.detector.DeviceChoice;
import java.util.function.Supplier;

/** Makes detectors of one model, each for one stream thread; {@link #get()} may take a while (weights, warm-up). */
public interface DetectorFactory extends Supplier<FrameBatchDetector> {

    /** The model every detector made here runs. */
    ModelIdentity model();

    /** Where the model came from, for people: a folder, or a release and its artifact. */
    String source();

    /** Where the detectors run; a model switched to runs there too. */
    DeviceChoice device();
}
