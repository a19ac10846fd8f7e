package dev.vigil.stream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil model}: the model registry's commands. */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = {
            "The model registry: releases of models on the compacted 'models' topic, each a candidate, in production or",
            "retired, with who changed it, when and why (the audit trail). `vigil detect --model-name NAME` follows",
            "the production release of NAME and switches to a new one without a restart."
        },
        subcommands = {
            ModelPublishCommand.class,
            ModelListCommand.class,
            ModelPromoteCommand.class,
            ModelRollbackCommand.class,
            ModelHistoryCommand.class,
            CommandLine.HelpCommand.class
        })
public final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
