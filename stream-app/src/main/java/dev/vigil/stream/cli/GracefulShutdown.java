package dev.vigil.stream.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Every command's answer to Ctrl-C or SIGTERM: asks the running command to stop, then holds the JVM's exit until the
 * command has cleaned up (flushed its producer, closed its application, written its state) or a grace period passed.
 * Closing it ends the watch. A command that runs until stopped waits in {@link #awaitSignal()}.
 */
final class GracefulShutdown implements AutoCloseable {

    static final Duration DEFAULT_GRACE = Duration.ofSeconds(60);

    private final CountDownLatch signalled = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private GracefulShutdown(String name, Runnable stop, Duration grace) {
        this.hook = new Thread(
                () -> {
                    signalled.countDown();
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

    /** Watches for a stop signal until closed; the command waits for it in {@link #awaitSignal()}. */
    static GracefulShutdown onSignal(String name) {
        return onSignal(name, () -> {});
    }

    /** Blocks until Ctrl-C or SIGTERM. */
    void awaitSignal() throws InterruptedException {
        signalled.await();
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
