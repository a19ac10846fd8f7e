package dev.vigil.stream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.detector.DeviceChoice;
import dev.vigil.stream.config.ConfigDefaultProvider;
import dev.vigil.stream.detect.BatchingSettings;
import dev.vigil.stream.detect.DetectSettings;
import dev.vigil.stream.detect.DetectTopology;
import dev.vigil.stream.detect.motion.MotionSettings;
import dev.vigil.stream.tracking.TrackingSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IllegalFormatException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command tree as picocli builds it: subcommands, enum options, defaults from the settings' constants. */
class VigilCliTest {

    @Test
    void benchHasTheModelsBenchmarksAndThePipelineOne() {
        CommandLine bench = VigilCli.commandLine(new String[0]).getSubcommands().get("bench");
        assertThat(bench.getSubcommands().keySet())
                .contains("detector", "train-synth", "ablation", "tracker", "pipeline");
    }

    /** picocli formats descriptions with String.format: a lone % makes --help print warnings and the raw text. */
    @Test
    void everyDescriptionOfEveryCommandIsAValidFormatString() {
        List<String> broken = new ArrayList<>();
        Set<Class<?>> classes = new LinkedHashSet<>();
        Deque<CommandLine> commands = new ArrayDeque<>(List.of(VigilCli.commandLine(new String[0])));
        while (!commands.isEmpty()) {
            CommandLine command = commands.pop();
            commands.addAll(command.getSubcommands().values());
            classes.add(command.getCommandSpec().userObject().getClass());
            command.getCommandSpec()
                    .mixins()
                    .values()
                    .forEach(mixin -> classes.add(mixin.userObject().getClass()));
        }
        int checked = 0;
        for (Class<?> type : classes) {
            List<String> lines = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                Command command = c.getAnnotation(Command.class);
                if (command != null) {
                    lines.addAll(List.of(command.description()));
                }
                for (Field field : c.getDeclaredFields()) {
                    Option option = field.getAnnotation(Option.class);
                    Parameters parameters = field.getAnnotation(Parameters.class);
                    lines.addAll(List.of(option != null ? option.description() : new String[0]));
                    lines.addAll(List.of(parameters != null ? parameters.description() : new String[0]));
                }
            }
            for (String line : lines) {
                checked++;
                try {
                    String.format(Locale.ROOT, line);
                } catch (IllegalFormatException e) {
                    broken.add(type.getSimpleName() + ": " + line + " (" + e.getMessage() + ")");
                }
            }
        }
        assertThat(checked).as("descriptions checked").isGreaterThan(300);
        assertThat(broken).isEmpty();
    }

    @Test
    void deviceIsAnEnumInAnyCaseAndAnUnknownOneIsRefusedNamingTheChoices() {
        CommandLine cli = VigilCli.commandLine(new String[0]);
        CommandLine.ParseResult parsed = cli.parseArgs("detect", "--device", "Gpu");
        DetectCommand detect = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(detect.deviceOption.device()).isEqualTo(DeviceChoice.GPU);
        assertThatThrownBy(() -> VigilCli.commandLine(new String[0]).parseArgs("detect", "--device", "tpu"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("tpu")
                .hasMessageContaining("AUTO, CPU, GPU");
        CommandLine.ParseResult defaults = VigilCli.commandLine(new String[0]).parseArgs("demo");
        DemoCommand demo = defaults.subcommand().commandSpec().commandLine().getCommand();
        assertThat(demo.deviceOption.device()).isEqualTo(DeviceChoice.AUTO);
    }

    @Test
    void detectsDefaultsAreTheSettingsDefaults() {
        CommandLine.ParseResult parsed = VigilCli.commandLine(new String[0]).parseArgs("detect");
        DetectCommand detect = parsed.subcommand().commandSpec().commandLine().getCommand();
        DetectSettings settings = detect.settings(null);
        assertThat(settings.batching().maxBatchSize()).isEqualTo(BatchingSettings.DEFAULT_MAX_BATCH_SIZE);
        assertThat(settings.batching().maxWait()).isEqualTo(BatchingSettings.DEFAULT_MAX_WAIT);
        assertThat(settings.batching().staleAfter()).isNull();
        assertThat(settings.streamThreads()).isEqualTo(DetectSettings.DEFAULT_STREAM_THREADS);
        assertThat(settings.processingGuarantee()).isEqualTo(DetectSettings.EXACTLY_ONCE_V2);
        assertThat(VigilCli.commandLine(new String[0])
                        .parseArgs("detect", "--batch-wait-ms", "250", "--stale-after-ms", "2000")
                        .subcommand()
                        .commandSpec()
                        .commandLine()
                        .<DetectCommand>getCommand()
                        .settings(null)
                        .batching())
                .isEqualTo(new BatchingSettings(1, Duration.ofMillis(250), Duration.ofSeconds(2)));
    }

    @Test
    void aShadowRunHasItsOwnApplicationIdAndTopicsUnlessTheyAreGiven() {
        DetectCommand shadow = VigilCli.commandLine(new String[0])
                .parseArgs("detect", "--model-name", "lobby", "--shadow")
                .subcommand()
                .commandSpec()
                .commandLine()
                .getCommand();
        DetectSettings settings = shadow.settings("lobby");
        assertThat(settings.applicationId()).isEqualTo("vigil-detect-shadow-lobby");
        assertThat(settings.topics())
                .isEqualTo(
                        new DetectTopology.TopicNames("frames", "detections.shadow.lobby", "frames.dlq.shadow.lobby"));

        DetectCommand named = VigilCli.commandLine(new String[0])
                .parseArgs("detect", "--model-name", "lobby", "--shadow", "--detections-topic", "lobby-trial")
                .subcommand()
                .commandSpec()
                .commandLine()
                .getCommand();
        assertThat(named.settings("lobby").topics().detections()).isEqualTo("lobby-trial");
        assertThat(named.settings("lobby").applicationId()).isEqualTo("vigil-detect-shadow-lobby");
    }

    private static DetectCommand detect(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "detect";
        System.arraycopy(args, 0, all, 1, args.length);
        return VigilCli.commandLine(new String[0])
                .parseArgs(all)
                .subcommand()
                .commandSpec()
                .commandLine()
                .getCommand();
    }

    @Test
    void theMotionGateIsOffByDefaultAndItsOptionsAndPropertiesReachItsSettings(@TempDir Path tmp) throws Exception {
        assertThat(detect().settings(null).motion()).isEqualTo(MotionSettings.off());
        assertThat(detect("--motion-gate", "--motion-threshold", "30", "--motion-min-area", "4", "--motion-width", "96")
                        .settings(null)
                        .motion())
                .isEqualTo(new MotionSettings(true, 96, 30, 4, 25, Duration.ofSeconds(5)));
        assertThat(detect("--motion-gate=true", "--motion-max-reused", "50", "--motion-max-age", "10s")
                        .settings(null)
                        .motion())
                .isEqualTo(new MotionSettings(true, 160, 25, 10, 50, Duration.ofSeconds(10)));
        assertThatThrownBy(() -> detect("--motion-threshold", "300").settings(null))
                .hasMessageContaining("300")
                .hasMessageContaining("1..255");

        Path properties = Files.writeString(tmp.resolve("vigil.properties"), "motion-gate=true\nmotion.min.area=7\n");
        CommandLine cli = VigilCli.commandLine(new String[0]);
        cli.setDefaultValueProvider(new ConfigDefaultProvider(
                java.util.Map.of("VIGIL_MOTION_THRESHOLD", "40"), ConfigDefaultProvider.load(properties)));
        DemoCommand demo =
                cli.parseArgs("demo").subcommand().commandSpec().commandLine().getCommand();
        assertThat(demo.motionOptions.settings())
                .isEqualTo(new MotionSettings(true, 160, 40, 7, 25, Duration.ofSeconds(5)));
    }

    @Test
    void detectTracksByDefaultAndItsOptionsReachTheTrackingSettings(@TempDir Path tmp) throws Exception {
        assertThat(detect().settings(null).tracking()).isEqualTo(TrackingSettings.defaults());
        assertThat(detect("--no-tracking").settings(null).tracking().enabled()).isFalse();
        assertThat(detect("--tracking=false").settings(null).tracking().enabled())
                .isFalse();

        Path scene = Files.writeString(tmp.resolve("gate.yaml"), """
                cameras:
                  gate:
                    lines:
                      - {name: street, from: [0, 100], to: [640, 100]}
                """);
        TrackingSettings tracking = detect(
                        "--scene",
                        scene.toString(),
                        "--count-window",
                        "10s",
                        "--track-buffer",
                        "60",
                        "--track-high-score",
                        "0.6",
                        "--objects-topic",
                        "gate-objects")
                .settings(null)
                .tracking();
        assertThat(tracking.scene().cameras()).containsOnlyKeys("gate");
        assertThat(tracking.countWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tracking.tracker().maxTimeLost()).isEqualTo(60);
        assertThat(tracking.tracker().highScore()).isEqualTo(0.6f);
        assertThat(tracking.tracker().lowScore())
                .isEqualTo(TrackingSettings.defaults().tracker().lowScore());
        assertThat(tracking.objectsTopic()).isEqualTo("gate-objects");
        assertThat(tracking.countsTopic()).isEqualTo(TrackingSettings.defaults().countsTopic());
        TrackingSettings shadow = detect("--model-name", "lobby", "--shadow", "--counts-topic", "lobby-counts")
                .settings("lobby")
                .tracking();
        assertThat(shadow.objectsTopic())
                .as("a shadow run never writes production's objects")
                .isEqualTo("objects.shadow.lobby");
        assertThat(shadow.countsTopic()).isEqualTo("lobby-counts");

        Path again = Files.writeString(tmp.resolve("again.yaml"), Files.readString(scene));
        assertThatThrownBy(() -> detect("--scene", scene + "," + again).settings(null))
                .hasMessageContaining("camera gate is in two scene files")
                .hasMessageContaining("again.yaml");
        Path broken = Files.writeString(tmp.resolve("broken.yaml"), """
                cameras:
                  gate:
                    lines:
                      - {name: street, from: [0, 100]}
                """);
        assertThatThrownBy(() -> detect("--scene", broken.toString()).settings(null))
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("street");
    }

    @Test
    void everyCommandWithACaptureTimeRangeRefusesAnEmptyOneBeforeItConnects(@TempDir Path tmp) {
        for (String[] command : new String[][] {
            {"snapshot", "--out", tmp.resolve("snap").toString()},
            {"compare", "--a", "detections", "--b", "detections.shadow.x"},
            {
                "retrain",
                "--camera",
                "lobby",
                "--model-name",
                "m",
                "--work",
                tmp.resolve("work").toString()
            },
            {"autolabel", "--topic", "frames"}
        }) {
            StringWriter err = new StringWriter();
            CommandLine cli = VigilCli.commandLine(new String[0]);
            cli.setErr(new PrintWriter(err));
            // no broker on port 1 and one short attempt: a command that skipped the check fails on the connection
            String[] range = {
                "--from",
                "2026-12-07T10:00:00Z",
                "--to",
                "2026-12-07T09:00:00Z",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--connect-attempts",
                "1",
                "--connect-timeout",
                "1s"
            };
            String[] args = Arrays.copyOf(command, command.length + range.length);
            System.arraycopy(range, 0, args, command.length, range.length);
            int exit = cli.execute(args);
            assertThat(exit).as(String.join(" ", command)).isEqualTo(2);
            assertThat(err.toString())
                    .as(String.join(" ", command))
                    .contains("--from 2026-12-07T10:00:00Z must be before --to 2026-12-07T09:00:00Z");
        }
    }

    @Test
    void retrainRefusesClassThresholdsItCannotReadBeforeItConnects(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        CommandLine cli = VigilCli.commandLine(new String[0]);
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(
                "retrain",
                "--camera",
                "lobby",
                "--model-name",
                "m",
                "--work",
                tmp.resolve("work").toString(),
                "--class-thresh",
                "person:0.4",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--connect-attempts",
                "1",
                "--connect-timeout",
                "1s");
        // a usage error (exit 2) naming the option, as autolabel's, not a failure of the run (exit 1)
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--class-thresh: class threshold 'person:0.4' is not class=score");
    }
}
