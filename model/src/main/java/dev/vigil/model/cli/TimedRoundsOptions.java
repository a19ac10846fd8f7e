package dev.vigil.model.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How many rounds a benchmark times, after how many untimed ones: a picocli mixin of bench detector and bench gemm. */
public final class TimedRoundsOptions {

    @Option(
            names = "--iterations",
            defaultValue = "10",
            description = "timed rounds: a batch per batch size (bench detector), a call of every case (bench gemm) "
                    + "(default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(
            names = "--warmup",
            defaultValue = "5",
            description = "untimed rounds first, for the JIT and the allocator to settle (default: ${DEFAULT-VALUE})")
    int warmup;

    /** @throws ParameterException naming the options when --iterations is not positive or --warmup negative */
    void validate(CommandSpec spec) {
        if (iterations <= 0 || warmup < 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--iterations must be positive and --warmup not negative, got " + iterations + ", " + warmup);
        }
    }

    int iterations() {
        return iterations;
    }

    int warmup() {
        return warmup;
    }
}
