package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vigil bench gemm} on small layers: a row per shape, engine and thread count; its default shapes. */
class BenchGemmCommandTest {

    @Test
    void printsARowPerShapeEngineAndThreadCount() {
        Printed run = bench("--shapes", "8x64x16,32x32x32", "--threads", "1,2", "--iterations", "2", "--warmup", "0");

        assertThat(run.exit).as(run.text).isZero();
        List<String> rows = run.text
                .lines()
                .filter(
                        line -> line.matches(
                                "\\d+x\\d+x\\d+\\s+(libtorch|libtorch-mkl-packed|libtorch-onednn-packed|onnxruntime)\\s+[12](\\s+\\d+\\.\\d+){4}"))
                .toList();
        assertThat(rows).as(run.text).hasSize(16);
        assertThat(rows).anyMatch(row -> row.matches("8x64x16\\s+onnxruntime\\s+2\\s.*"));
    }

    @Test
    void aMalformedShapeIsAUsageError() {
        Printed run = bench("--shapes", "300x12544", "--iterations", "1");

        assertThat(run.exit).isEqualTo(2);
        assertThat(run.text).contains("--shapes").contains("300x12544");
    }

    @Test
    void theDefaultSquareHasFc6sArithmetic() {
        BenchGemmCommand.GemmShape square = BenchGemmCommand.FC6.squareOfEqualWork();

        assertThat(square.rows()).isEqualTo(square.inputs()).isEqualTo(square.outputs());
        assertThat(square.gigaFlop() / BenchGemmCommand.FC6.gigaFlop()).isBetween(0.99, 1.01);
    }

    private static Printed bench(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try {
            PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            int exit = new CommandLine(new BenchGemmCommand()).execute(args);
            return new Printed(exit, printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private record Printed(int exit, String text) {}
}
