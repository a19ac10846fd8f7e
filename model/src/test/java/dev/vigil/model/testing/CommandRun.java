package dev.vigil.model.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * A picocli command run in-process with its standard output and error captured together.
 *
 * @param exit the command's exit code
 * @param text everything it printed
 */
public record CommandRun(int exit, String text) {

    /** Runs {@code command} with {@code args}, capturing System.out and System.err. */
    public static CommandRun of(Object command, String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try {
            PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            int exit = new CommandLine(command).execute(args);
            return new CommandRun(exit, printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }
}
