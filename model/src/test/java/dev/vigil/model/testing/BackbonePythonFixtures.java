package dev.vigil.model.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference scripts under {@code model/src/test/python} with Debian's Python, which must have
 * torch 1.13 and torchvision 0.14 ({@code apt-get install -y python3-torch python3-torchvision}).
 */
public final class BackbonePythonFixtures {

    /** Debian's interpreter: the packaged torch lives in its dist-packages, not in a pyenv one. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    public static final Path SCRIPTS = Path.of("src/test/python");
    private static final String APT_PACKAGES = "python3-torch python3-torchvision";
    private static final long TIMEOUT_MINUTES = 10;

    private BackbonePythonFixtures() {}

    /** Runs {@code script} with {@code args}; fails the test with the script's output when it does not succeed. */
    public static void run(String script, String... args) {
        requireTorch();
        List<String> command = new ArrayList<>(
                List.of(PYTHON.toString(), SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Result result = execute(command);
        if (result.exitCode != 0) {
            fail(String.join(" ", command) + " exited with " + result.exitCode + ":\n" + result.output);
        }
    }

    private static void requireTorch() {
        Result probe = Files.isExecutable(PYTHON)
                ? execute(List.of(PYTHON.toString(), "-c", "import torch, torchvision"))
                : new Result(-1, PYTHON + " does not exist");
        if (probe.exitCode != 0) {
            fail("the torch reference needs Debian's " + APT_PACKAGES + " for " + PYTHON + " (apt-get install -y "
                    + APT_PACKAGES + "): " + probe.output);
        }
    }

    private static Result execute(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", "2");
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + TIMEOUT_MINUTES + " minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private record Result(int exitCode, String output) {}
}
