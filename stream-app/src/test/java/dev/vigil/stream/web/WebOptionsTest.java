package dev.vigil.stream.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.stream.cli.VigilCli;
import dev.vigil.stream.config.ConfigDefaultProvider;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** --web-port and --web-host as detect, ingest and demo take them. */
class WebOptionsTest {

    private static CommandLine.ParseResult parse(Map<String, String> env, String... args) {
        CommandLine cli = VigilCli.commandLine(new String[0]);
        cli.setDefaultValueProvider(new ConfigDefaultProvider(env, new Properties()));
        return cli.parseArgs(args);
    }

    private static OptionSpec option(CommandLine.ParseResult parsed, String command, String name) {
        return parsed.subcommand().commandSpec().findOption(name);
    }

    @Test
    void everyServingCommandListensOnLoopbackUnlessTold() {
        for (String command : new String[] {"detect", "ingest", "demo"}) {
            CommandLine.ParseResult parsed = parse(Map.of(), command, "--web-port", "0");
            assertThat(option(parsed, command, "--web-host").<String>getValue())
                    .as(command)
                    .isEqualTo("127.0.0.1");
            assertThat(option(parsed, command, "--web-port").<Integer>getValue())
                    .as(command)
                    .isZero();
        }
        CommandLine.ParseResult off = parse(Map.of(), "detect");
        assertThat(option(off, "detect", "--web-port").<Integer>getValue())
                .as("no server unless a port is given")
                .isNull();
    }

    @Test
    void theOldMetricsOptionNamesStillWork() {
        CommandLine.ParseResult parsed =
                parse(Map.of(), "ingest", "--metrics-port", "9464", "--metrics-host", "0.0.0.0");
        assertThat(option(parsed, "ingest", "--web-port").<Integer>getValue()).isEqualTo(9464);
        assertThat(option(parsed, "ingest", "--web-host").<String>getValue()).isEqualTo("0.0.0.0");
    }

    @Test
    void theEnvironmentSetsThemByEitherName() {
        assertThat(option(parse(Map.of("VIGIL_WEB_PORT", "8080"), "detect"), "detect", "--web-port")
                        .<Integer>getValue())
                .isEqualTo(8080);
        assertThat(option(parse(Map.of("VIGIL_METRICS_PORT", "9000"), "detect"), "detect", "--web-port")
                        .<Integer>getValue())
                .isEqualTo(9000);
        assertThat(option(
                                parse(Map.of("VIGIL_WEB_PORT", "8080", "VIGIL_METRICS_PORT", "9000"), "detect"),
                                "detect",
                                "--web-port")
                        .<Integer>getValue())
                .as("the current name wins")
                .isEqualTo(8080);
    }
}
