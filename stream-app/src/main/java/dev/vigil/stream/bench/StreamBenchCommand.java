package dev.vigil.stream.bench;

import dev.vigil.model.cli.BenchCommand;
import picocli.CommandLine.Command;

/**
 * {@code vigil bench}: the model's benchmarks (subcommands of {@link BenchCommand}, inherited) and the streaming
 * pipeline's, which needs Kafka and so lives here.
 */
@Command(
        name = "bench",
        subcommands = {
            PipelineBenchCommand.class,
            CamerasBenchCommand.class,
            RestartBenchCommand.class,
            TrackingStageBenchCommand.class
        })
public final class StreamBenchCommand extends BenchCommand {}
