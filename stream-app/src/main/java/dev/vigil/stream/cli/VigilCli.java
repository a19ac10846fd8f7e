package dev.vigil.stream.cli;

import dev.vigil.model.cli.DetectImageCommand;
import dev.vigil.model.cli.EvalTracksCommand;
import dev.vigil.model.cli.EvaluateCommand;
import dev.vigil.model.cli.ImportTorchvisionCommand;
import dev.vigil.model.cli.SynthCommand;
import dev.vigil.model.cli.TrainCommand;
import dev.vigil.stream.bench.StreamBenchCommand;
import dev.vigil.stream.config.ConfigDefaultProvider;
import dev.vigil.stream.logging.Credentials;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code vigil} command line: one entry point whose subcommands are Vigil's jobs. */
@Command(
        name = "vigil",
        mixinStandardHelpOptions = true,
        version = "vigil 0.1.0",
        description = "Faster R-CNN object detection on video streams, over Kafka.%n"
                + "Options can also come from environment variables VIGIL_<OPTION> (e.g. VIGIL_BOOTSTRAP_SERVERS) "
                + "or a properties file (--config or VIGIL_CONFIG); the command line wins.",
        subcommands = {
            DemoCommand.class,
            InfraCommand.class,
            IngestCommand.class,
            DetectCommand.class,
            ModelCommand.class,
            CompareCommand.class,
            ConsumeCommand.class,
            SnapshotCommand.class,
            ImportTorchvisionCommand.class,
            DetectImageCommand.class,
            SynthCommand.class,
            TopicAutolabelCommand.class,
            TrainCommand.class,
            RetrainCommand.class,
            LabelsCommand.class,
            EvaluateCommand.class,
            EvalTracksCommand.class,
            StreamBenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VigilCli implements Runnable {

    private static final String JAVACPP_LOGGER = "org.bytedeco.javacpp.logger";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = ConfigDefaultProvider.CONFIG_OPTION,
            paramLabel = "FILE",
            scope = ScopeType.INHERIT,
            description = "Properties file with option values (keys like bootstrap.servers or bootstrap-servers).")
    private Path configFile;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with every subcommand, its defaults taken from {@code args}' config file and the environment. */
    public static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new VigilCli());
        cli.setDefaultValueProvider(ConfigDefaultProvider.forProcess(args));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr()
                    .println(cmd.getColorScheme()
                            .errorText("vigil " + cmd.getCommandName() + ": " + Credentials.redact(e.getMessage())));
            org.slf4j.LoggerFactory.getLogger(VigilCli.class).debug("Command failed", e);
            return 1;
        });
        return cli;
    }

    public static void main(String[] args) {
        // FFmpeg's own log lines through SLF4J, so that they too pass the logs' credential redaction
        if (System.getProperty(JAVACPP_LOGGER) == null) {
            System.setProperty(JAVACPP_LOGGER, "slf4j");
        }
        int exitCode;
        try {
            exitCode = commandLine(args).execute(args);
        } catch (IllegalArgumentException e) {
            System.err.println("vigil: " + Credentials.redact(e.getMessage()));
            exitCode = 2;
        }
        System.exit(exitCode);
    }
}
