package dev.vigil.stream.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On Ctrl-C or SIGTERM, asks a running command to stop, then holds the JVM's exit until the command has cleaned up
 * (flushed its producer, written its state) or a grace period passed. Closing it ends the watch.
 */
final class GracefulShutdown implements AutoCloseable {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private GracefulShutdown(String name, Runnable stop, Duration grace) {
        this.hook = new Thread(
                () -> {
                    stop.run();
                    try {
                        finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                name + "-shutdown");
    }

    /** Watches for a stop signal until closed; {@code stop} must make the command return soon. */
    static GracefulShutdown onSignal(String name, Runnable stop) {
        GracefulShutdown shutdown = new GracefulShutdown(name, stop, DEFAULT_GRACE);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /** The command has cleaned up: a pending exit may go on. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already stopping: the hook runs and finds the work done.
        }
    }
}
