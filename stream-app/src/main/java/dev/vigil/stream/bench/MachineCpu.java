package dev.vigil.stream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The whole machine's CPU time from Linux's {@code /proc/stat}: what every process together used. */
final class MachineCpu {

    private static final Path STAT = Path.of("/proc/stat");

    private MachineCpu() {}

    /**
     * Busy and total jiffies of all CPUs since boot (busy: all but idle and iowait); {0, 0} where there is no
     * {@code /proc/stat}.
     */
    static long[] busyAndTotal() {
        if (!Files.isReadable(STAT)) {
            return new long[] {0, 0};
        }
        try {
            String first = Files.readAllLines(STAT).get(0);
            String[] fields = first.trim().split("\\s+");
            long total = 0;
            // cpu user nice system idle iowait irq softirq steal [guest guest_nice: already in user and nice]
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + STAT, e);
        }
    }
}
