package dev.vigil.stream.ingest;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The camera readers of one ingest process, each on its own thread so that one camera's trouble never stops another. */
public final class CameraFleet {

    private static final Logger log = LoggerFactory.getLogger(CameraFleet.class);

    private final List<CameraReader> readers;
    private final List<Thread> threads;

    private CameraFleet(List<CameraReader> readers, List<Thread> threads) {
        this.readers = readers;
        this.threads = threads;
    }

    /** Starts one thread per reader. */
    public static CameraFleet start(List<CameraReader> readers) {
        List<Thread> threads = new ArrayList<>();
        for (CameraReader reader : readers) {
            Thread t = new Thread(reader, "camera-" + reader.camera().name());
            t.setUncaughtExceptionHandler((thread, e) ->
                    log.error("Camera '{}' reader died: {}", reader.camera().name(), e.toString(), e));
            t.start();
            threads.add(t);
        }
        return new CameraFleet(List.copyOf(readers), threads);
    }

    public List<CameraReader> readers() {
        return readers;
    }

    /** Waits until every reader has ended: files read, limits reached, cameras given up, or {@link #stop()}. */
    public void awaitAll() throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Whether any reader is still at work. */
    public boolean running() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    /** Asks every reader to stop after its frame in hand. */
    public void stop() {
        readers.forEach(CameraReader::stop);
    }

    /** The readers that gave up on their camera. */
    public List<CameraReader> failed() {
        return readers.stream().filter(r -> r.failure().isPresent()).toList();
    }
}
