package dev.vigil.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineBudgetTest {

    private static final int STREAM = 10;
    private static final int BENCH = 20;

    private static ThreadCpu.ThreadTime thread(int tid, String name, long ticks) {
        return new ThreadCpu.ThreadTime(tid, name, ticks);
    }

    @Test
    void cpuGoesToTheGroupOfEachThreadAndTheStreamThreadsWallTimeIntoItsParts() {
        PipelineBudget.Reading start = new PipelineBudget.Reading(
                1_000_000_000L,
                5e6,
                1e6,
                0,
                Map.of(
                        STREAM,
                        thread(STREAM, "vigil-bench-1a2", 100),
                        11,
                        thread(11, "vigil-bench-1a2", 50),
                        12,
                        thread(12, "kafka-producer-", 7),
                        BENCH,
                        thread(BENCH, "java", 3),
                        30,
                        thread(30, "data-plane-kafk", 1)));
        PipelineBudget.Reading end = new PipelineBudget.Reading(
                3_000_000_000L,
                1_605e6,
                101e6,
                20e6,
                Map.of(
                        STREAM,
                        thread(STREAM, "vigil-bench-1a2", 250),
                        11,
                        thread(11, "vigil-bench-1a2", 170),
                        12,
                        thread(12, "kafka-producer-", 9),
                        BENCH,
                        thread(BENCH, "java", 4),
                        30,
                        thread(30, "data-plane-kafk", 11),
                        // started during the run: all of its time counts
                        31,
                        thread(31, "GC Thread#1", 2),
                        32,
                        thread(32, "C2 CompilerThre", 5)));

        PipelineBudget.Budget budget = PipelineBudget.between(start, end, 40, STREAM, BENCH);

        assertThat(budget.frames()).isEqualTo(40);
        assertThat(budget.wallMs()).isEqualTo(2000.0);
        assertThat(budget.detectorMs()).isEqualTo(1600.0);
        assertThat(budget.transactionMs()).isEqualTo(100.0);
        assertThat(budget.pollWaitMs()).isEqualTo(20.0);
        assertThat(budget.restMs()).isEqualTo(280.0);
        assertThat(budget.cpuMs())
                .containsEntry(PipelineBudget.STREAM_THREAD, 1500.0)
                .containsEntry(PipelineBudget.TORCH_WORKERS, 1200.0)
                .containsEntry(PipelineBudget.CLIENT_IO, 20.0)
                .containsEntry(PipelineBudget.BENCH, 10.0)
                .containsEntry(PipelineBudget.GC, 20.0)
                .containsEntry(PipelineBudget.JIT, 50.0)
                .containsEntry(PipelineBudget.OTHER, 100.0);
        assertThat(budget.cpuTotalMs()).isEqualTo(2900.0);
    }
}
