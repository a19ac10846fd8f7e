package dev.vigil.stream.testing;

import dev.vigil.stream.infra.LocalInfrastructure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code vigil detect} in a JVM of its own (this test's class path), on a CPU model, writing its output to a log file:
 * a process that can be killed with SIGKILL like a crashed or evicted pod.
 */
public final class DetectProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private DetectProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code vigil detect} against {@code infra} with {@code model} on the CPU, batches of 4 waiting at most
     * 200 ms, the given state directory, and {@code extraArgs}; appends its output to {@code log}.
     */
    public static DetectProcess start(
            LocalInfrastructure infra, Path model, Path stateDir, Path log, String... extraArgs) throws IOException {
        List<String> args = arguments(infra, model, stateDir);
        args.addAll(List.of(extraArgs));
        Process process = VigilProcesses.startLogged(args, log);
        return new DetectProcess(process, log);
    }

    /**
     * The arguments of {@code vigil detect} against {@code infra} with {@code model} on the CPU, batches of 4 waiting at
     * most 200 ms, and {@code stateDir}; a mutable list, for more.
     */
    public static List<String> arguments(LocalInfrastructure infra, Path model, Path stateDir) {
        return new ArrayList<>(List.of(
                "detect",
                "--bootstrap-servers",
                infra.bootstrapServers(),
                "--schema-registry-url",
                infra.schemaRegistryUrl(),
                "--model",
                model.toString(),
                "--device",
                "cpu",
                "--batch-size",
                "4",
                "--batch-wait-ms",
                "200",
                "--state-dir",
                stateDir.toString()));
    }

    /** SIGKILL, as the kernel's OOM killer or a node failure would end it: no clean shutdown. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM and wait for the clean shutdown. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Kills the process if it still runs (a test's clean-up after a failed assertion). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
