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
        int tid = ThreadCpu.currentTid();
        ThreadCpu.ThreadTime before = ThreadCpu.snapshot().get(tid);
        assertThat(before).as("this thread, by the id /proc/thread-self gives").isNotNull();
        assertThat(before.name()).as("the first 15 characters of its name").isEqualTo("a-thread-named-");

        ThreadMXBean jvm = ManagementFactory.getThreadMXBean();
        long start = jvm.getCurrentThreadCpuTime();
        long sink = 0;
        while (jvm.getCurrentThreadCpuTime() - start < 300_000_000L) {
            for (int i = 0; i < 100_000; i++) {
                sink += i ^ sink;
            }
        }
        double jvmMillis = (jvm.getCurrentThreadCpuTime() - start) / 1e6;
        ThreadCpu.ThreadTime after = ThreadCpu.snapshot().get(tid);

        double procMillis = (after.ticks() - before.ticks()) * ThreadCpu.MILLIS_PER_TICK;
        // clock ticks are 10 ms: the two counts differ by at most a tick at either end
        assertThat(procMillis).as("sink %d", sink).isBetween(jvmMillis - 25, jvmMillis + 25);
    }
}
