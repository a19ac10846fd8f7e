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
     * The ranges of this run: the settings' offsets within what the topic holds, starting after what an earlier run
     * already read.
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
            start = Math.max(start, state.nextOffset(p.partition()).orElse(start));
            long stop = settings.toOffset() == null ? e.getValue() : Math.min(e.getValue(), settings.toOffset());
            ranges.add(new PartitionRange(p, Math.min(start, stop), stop));
        }
        ranges.sort(java.util.Comparator.comparingInt(r -> r.partition().partition()));
        return ranges;
    }
}
