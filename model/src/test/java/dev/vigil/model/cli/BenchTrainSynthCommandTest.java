package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vigil bench train-synth} runs through on a tiny version of the benchmark (its figures are measured by
 * running it, not here): data generated, trained, evaluated, a results row printed.
 */
class BenchTrainSynthCommandTest {

    @TempDir
    Path work;

    @Test
    void generatesTrainsEvaluatesAndReports() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new BenchTrainSynthCommand())
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .execute(
                            "--work",
                            work.toString(),
                            "--iterations",
                            "3",
                            "--train-images",
                            "4",
                            "--test-images",
                            "2");
        } finally {
            System.setOut(stdout);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("| vigil_compact_bn | JOINT | 3 |").contains("targets: mAP@0.5 >= 0.90");
        assertThat(work.resolve("train-4-h32/annotations.json")).isRegularFile();
        assertThat(work.resolve("test-2-h32/annotations.json")).isRegularFile();
        assertThat(Files.list(work.resolve("train-4-h32/images")).count()).isEqualTo(4);
        assertThat(work.resolve("runs/vigil_compact_bn-joint-3-seed1-h32-lr0.01-paper-loss/model/weights.safetensors"))
                .isRegularFile();
    }
}
