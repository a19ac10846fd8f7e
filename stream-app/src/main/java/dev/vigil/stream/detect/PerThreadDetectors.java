package dev.vigil.stream.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector per stream thread, of the current model, shared by the tasks that thread runs (a model per task would
 * multiply memory by the partition count). The model can be switched while the threads run: {@link #switchTo} builds
 * the new model's detectors for the threads there are, then makes it current; each thread takes its new detector at
 * its next call of {@link #get()}, between two batches, and closes its old one itself. A thread that has none yet
 * (a new or replaced thread) makes one from the current factory. Closes them all at the end.
 */
public final class PerThreadDetectors implements Supplier<FrameBatchDetector>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PerThreadDetectors.class);

    /**
     * A model in use: its factory, the detectors built in advance for the threads, and one built in advance for
     * whichever thread asks first (the one that checked the model at start-up).
     */
    private record Generation(
            long number,
            DetectorFactory factory,
            Map<Thread, FrameBatchDetector> prebuilt,
            AtomicReference<FrameBatchDetector> spare) {

        void closeUnused() {
            prebuilt.values().forEach(FrameBatchDetector::close);
            prebuilt.clear();
            FrameBatchDetector unused = spare.getAndSet(null);
            if (unused != null) {
                unused.close();
            }
        }
    }

    /** A thread's detector and the generation it is of. */
    private record Held(long generation, FrameBatchDetector detector) {}

    private final Map<Thread, Held> byThread = new ConcurrentHashMap<>();
    private volatile Generation current;

    public PerThreadDetectors(DetectorFactory factory) {
        this(factory, null);
    }

    /** @param spare a detector of {@code factory}'s already made, for the first thread that asks, or null */
    public PerThreadDetectors(DetectorFactory factory, FrameBatchDetector spare) {
        this.current = new Generation(0, factory, new ConcurrentHashMap<>(), new AtomicReference<>(spare));
    }

    /** The model the threads run (or are about to, at their next batch). */
    public DetectorFactory current() {
        return current.factory();
    }

    /** The calling thread's detector of the current model. */
    @Override
    public FrameBatchDetector get() {
        Thread thread = Thread.currentThread();
        Generation generation = current;
        Held held = byThread.get(thread);
        if (held != null && held.generation() == generation.number()) {
            return held.detector();
        }
        if (held == null) {
            forgetDeadThreads(); // a new thread may replace one that died
        }
        FrameBatchDetector detector = generation.prebuilt().remove(thread);
        if (detector == null) {
            detector = generation.spare().getAndSet(null);
        }
        if (detector == null) {
            log.info(
                    "Loading a detector of {} for stream thread {}",
                    generation.factory().model(),
                    thread.getName());
            detector = generation.factory().get();
        }
        byThread.put(thread, new Held(generation.number(), detector));
        if (held != null) {
            log.info(
                    "Stream thread {} switched from {} to {}",
                    thread.getName(),
                    held.detector().model(),
                    detector.model());
            held.detector().close();
        }
        return detector;
    }

    /**
     * Builds detectors of {@code next} for every live stream thread, then makes {@code next} the current model.
     * Called from a background thread; the stream threads go on with the old model meanwhile.
     *
     * @throws RuntimeException from the factory when a detector cannot be made: nothing is switched then
     */
    public synchronized void switchTo(DetectorFactory next) {
        forgetDeadThreads();
        Map<Thread, FrameBatchDetector> prebuilt = new HashMap<>();
        try {
            for (Thread thread : byThread.keySet()) {
                prebuilt.put(thread, next.get());
            }
        } catch (RuntimeException e) {
            prebuilt.values().forEach(FrameBatchDetector::close);
            throw e;
        }
        Generation previous = current;
        current =
                new Generation(previous.number() + 1, next, new ConcurrentHashMap<>(prebuilt), new AtomicReference<>());
        previous.closeUnused();
    }

    /** Closes the detectors of threads that have ended (replaced after a failure, or removed). */
    private void forgetDeadThreads() {
        byThread.entrySet().removeIf(entry -> {
            if (entry.getKey().isAlive()) {
                return false;
            }
            entry.getValue().detector().close();
            return true;
        });
    }

    @Override
    public synchronized void close() {
        byThread.values().forEach(held -> held.detector().close());
        byThread.clear();
        current.closeUnused();
    }
}
