package dev.vigil.stream.detect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector per stream thread, made on the thread's first call and shared by the tasks that thread runs
 * (a model per task would multiply memory by the partition count). Closes them all at the end.
 */
public final class PerThreadDetectors implements Supplier<FrameBatchDetector>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PerThreadDetectors.class);

    private final Supplier<FrameBatchDetector> factory;
    private final Map<Thread, FrameBatchDetector> byThread = new ConcurrentHashMap<>();

    public PerThreadDetectors(Supplier<FrameBatchDetector> factory) {
        this.factory = factory;
    }

    @Override
    public FrameBatchDetector get() {
        return byThread.computeIfAbsent(Thread.currentThread(), t -> {
            log.info("Loading a detector for stream thread {}", t.getName());
            return factory.get();
        });
    }

    @Override
    public void close() {
        byThread.values().forEach(FrameBatchDetector::close);
        byThread.clear();
    }
}
