package dev.vigil.stream.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** The offsets of one partition a run reads: from {@code start} (inclusive) to {@code end} (exclusive). */
record PartitionRange(TopicPartition partition, long start, long end) {

    long size() {
        return end - start;
    }

    /**
     * The ranges of this run: the settings' offsets within what the topic holds, less what earlier runs into the
     * folder already read under a time window containing this run's. Per partition one range, from the first offset
     * not yet read to the last one (offsets read before in between are read again; their frames are known and
     * skipped).
     */
    static List<PartitionRange> plan(
            Map<TopicPartition, Long> beginning,
            Map<TopicPartition, Long> end,
            SnapshotSettings settings,
            SnapshotState state) {
        List<PartitionRange> ranges = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            TopicPartition p = e.getKey();
            long start = Math.max(beginning.get(p), settings.fromOffset() == null ? 0 : settings.fromOffset());
            long stop = settings.toOffset() == null ? e.getValue() : Math.min(e.getValue(), settings.toOffset());
            long first = start;
            long last = stop;
            List<long[]> covered = state.covered(p.partition(), settings.fromMillis(), settings.toMillis());
            for (long[] c : covered) {
                if (c[0] <= first && first < c[1]) {
                    first = c[1];
                }
            }
            for (int i = covered.size() - 1; i >= 0; i--) {
                if (covered.get(i)[0] < last && last <= covered.get(i)[1]) {
                    last = covered.get(i)[0];
                }
            }
            ranges.add(first < last ? new PartitionRange(p, first, last) : new PartitionRange(p, stop, stop));
        }
        ranges.sort(java.util.Comparator.comparingInt(r -> r.partition().partition()));
        return ranges;
    }
}
