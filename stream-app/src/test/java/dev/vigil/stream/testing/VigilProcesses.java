package dev.vigil.stream.testing;

import dev.vigil.stream.cli.VigilCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vigil} commands in JVMs of their own (this test's class path), so that a test can kill one with SIGKILL; their
 * output is appended to one log file. Closing kills every process still running.
 */
public final class VigilProcesses implements AutoCloseable {

    private final Path log;
    private final List<Process> started = new ArrayList<>();

    /** @param log where the processes' stdout and stderr go, appended */
    public VigilProcesses(Path log) {
        this.log = log;
    }

    /** Starts {@code vigil ARGS...}. */
    public Process start(List<String> args) throws IOException {
        Process process = startLogged(args, log);
        started.add(process);
        return process;
    }

    /** Starts {@code vigil ARGS...} in a JVM of its own on this test's class path, its output appended to {@code log}. */
    static Process startLogged(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.vigil",
                "-cp",
                System.getProperty("java.class.path"),
                VigilCli.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroyForcibly().waitFor();
        }
    }
}
