package dev.vigil.model.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil bench}: speed measurements. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure speed.",
        subcommands = {
            BenchDetectorCommand.class,
            BenchGemmCommand.class,
            BenchTrainSynthCommand.class,
            BenchAblationCommand.class,
            BenchTrackerCommand.class,
            BenchTeachersCommand.class,
            BenchModelLoadCommand.class
        })
public class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
