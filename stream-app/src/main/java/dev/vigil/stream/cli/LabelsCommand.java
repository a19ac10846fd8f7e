package dev.vigil.stream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vigil labels}: bring labels onto the annotations topic, and look at them. */
@Command(
        name = "labels",
        mixinStandardHelpOptions = true,
        description = "Labels of frames: import people's labels onto the annotations topic, draw frames with their "
                + "labels, export the doubtful ones for review.",
        subcommands = {
            LabelsImportCommand.class,
            LabelsDrawCommand.class,
            LabelsReviewCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LabelsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
