package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.testing.CommandRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code vigil bench gemm} on small layers: a row per shape, engine and thread count; its default shapes. */
class BenchGemmCommandTest {

    @Test
    void printsARowPerShapeEngineAndThreadCount() {
        CommandRun run =
                bench("--shapes", "8x64x16,32x32x32", "--threads", "1,2", "--iterations", "2", "--warmup", "0");

        assertThat(run.exit()).as(run.text()).isZero();
        List<String> rows = run.text()
                .lines()
                .filter(
                        line -> line.matches(
                                "\\d+x\\d+x\\d+\\s+(libtorch|libtorch-mkl-packed|libtorch-onednn-packed|onnxruntime)\\s+[12](\\s+\\d+\\.\\d+){4}"))
                .toList();
        assertThat(rows).as(run.text()).hasSize(16);
        assertThat(rows).anyMatch(row -> row.matches("8x64x16\\s+onnxruntime\\s+2\\s.*"));
    }

    @Test
    void aMalformedShapeIsAUsageError() {
        CommandRun run = bench("--shapes", "300x12544", "--iterations", "1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.text()).contains("--shapes").contains("300x12544");
    }

    @Test
    void aNegativeWarmupIsAUsageErrorNamingIt() {
        CommandRun run = bench("--shapes", "8x64x16", "--warmup", "-1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.text()).contains("--warmup").contains("-1");
    }

    @Test
    void theDefaultSquareHasFc6sArithmetic() {
        BenchGemmCommand.GemmShape square = BenchGemmCommand.FC6.squareOfEqualWork();

        assertThat(square.rows()).isEqualTo(square.inputs()).isEqualTo(square.outputs());
        assertThat(square.gigaFlop() / BenchGemmCommand.FC6.gigaFlop()).isBetween(0.99, 1.01);
    }

    private static CommandRun bench(String... args) {
        return CommandRun.of(new BenchGemmCommand(), args);
    }
}
