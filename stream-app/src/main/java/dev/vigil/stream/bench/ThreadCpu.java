package dev.vigil.stream.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of each of this process's threads, Java and native alike (libtorch's OpenMP workers, the garbage
 * collector, the JIT compilers), from Linux's {@code /proc/self/task}. Thread names there are the first 15
 * characters of the Java thread's name; a native thread created by a Java thread (an OpenMP worker) inherits its
 * creator's name. Empty where there is no {@code /proc}.
 */
final class ThreadCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    /** Linux reports thread times in clock ticks of 1/100 s (USER_HZ) on every architecture it runs Java on. */
    static final double MILLIS_PER_TICK = 10.0;

    /** One thread: its kernel id, its name, and its user + system CPU time in clock ticks so far. */
    record ThreadTime(int tid, String name, long ticks) {}

    private ThreadCpu() {}

    /** Every live thread of this process now, by kernel thread id; empty where there is no {@code /proc}. */
    static Map<Integer, ThreadTime> snapshot() {
        Map<Integer, ThreadTime> threads = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return threads;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                ThreadTime t = read(task);
                if (t != null) {
                    threads.put(t.tid(), t);
                }
            }
        } catch (IOException e) {
            // the process's thread list is gone only when the process is: nothing to report
        }
        return threads;
    }

    /** The kernel id of the calling thread, or -1 where there is no {@code /proc}. */
    static int currentTid() {
        try {
            // "<pid>/task/<tid>"
            Path target = Files.readSymbolicLink(THREAD_SELF);
            return Integer.parseInt(target.getFileName().toString());
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            return -1;
        }
    }

    /** One thread's entry; null when it ended while being read. */
    private static ThreadTime read(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            // pid (comm) state ppid ...: comm may hold spaces and parentheses, so read from the last ')'
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String[] after = stat.substring(close + 2).split(" ");
            // after[0] is field 3 (state); utime and stime are fields 14 and 15
            long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
            return new ThreadTime(
                    Integer.parseInt(task.getFileName().toString()), stat.substring(open + 1, close), ticks);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
