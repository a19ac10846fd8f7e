package dev.vigil.stream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void aJavaThreadIsFoundByItsNameAndItsCpuTimeIsWhatTheJvmCountsForIt() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux's /proc");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // a thread the JVM started (not the launcher's main thread): the JVM gives its name to the kernel
        Thread thread = new Thread(
                () -> {
                    try {
                        cpuTimeOfTheCallingThread();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "a-thread-named-beyond-fifteen-characters");
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    private static void cpuTimeOfTheCallingThread() {
        ThreadMXBean jvm = ManagementFactory.getThreadMXBean();
        int tid = ThreadCpu.currentTid();
        long beforeSnapshotStart = jvm.getCurrentThreadCpuTime();
        ThreadCpu.ThreadTime before = ThreadCpu.snapshot().get(tid);
        long beforeSnapshotEnd = jvm.getCurrentThreadCpuTime();
        assertThat(before).as("this thread, by the id /proc/thread-self gives").isNotNull();
        assertThat(before.name()).as("the first 15 characters of its name").isEqualTo("a-thread-named-");

        long sink = 0;
        while (jvm.getCurrentThreadCpuTime() - beforeSnapshotEnd < 300_000_000L) {
            for (int i = 0; i < 100_000; i++) {
                sink += i ^ sink;
            }
        }
        long afterSnapshotStart = jvm.getCurrentThreadCpuTime();
        ThreadCpu.ThreadTime after = ThreadCpu.snapshot().get(tid);
        long afterSnapshotEnd = jvm.getCurrentThreadCpuTime();

        double procMillis = (after.ticks() - before.ticks()) * ThreadCpu.MILLIS_PER_TICK;
        // /proc read this thread's line somewhere inside each snapshot (reading every thread's line costs CPU time
        // of its own, more on a busy machine), so its count lies between the JVM's counts of the inner and the outer
        // span; clock ticks are 10 ms: a tick more or less at either end
        double innerMillis = (afterSnapshotStart - beforeSnapshotEnd) / 1e6;
        double outerMillis = (afterSnapshotEnd - beforeSnapshotStart) / 1e6;
        assertThat(procMillis).as("sink %d", sink).isBetween(innerMillis - 25, outerMillis + 25);
    }
}
