package dev.vigil.stream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command line: one entry point whose subcommands are Vigil's jobs. */
@Command(name = "vigil", mixinStandardHelpOptions = true, version = "vigil 0.1.0",
        description = "Faster R-CNN object detection on video streams, over Kafka.",
        subcommands = {CommandLine.HelpCommand.class})
public final class VigilCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new VigilCli());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
