package dev.vigil.stream.tracking;

import dev.vigil.stream.tracking.internal.CameraCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The counts store of a running detect application, read with Kafka Streams' interactive queries: a camera's counts
 * where this instance holds them, and, when several instances share the work, which instance holds a camera
 * (Streams' metadata, from each instance's {@code application.server}).
 */
public final class CountsQuery {

    private final KafkaStreams streams;
    private final HostInfo self;

    /** @param self this instance's {@code application.server}, or null when it has none (one instance) */
    public CountsQuery(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** What a query for one camera found: its counts here, the instance that holds them, or nothing. */
    public sealed interface Answer {
        record Here(CameraCounts counts) implements Answer {}

        record Elsewhere(HostInfo host) implements Answer {}

        record Unknown() implements Answer {}
    }

    /**
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while the store cannot be read (the
     *     application starting or rebalancing)
     */
    public Answer camera(String cameraId) {
        CameraCounts local = store().get(cameraId);
        if (local != null) {
            return new Answer.Here(local);
        }
        if (self != null) {
            KeyQueryMetadata where = streams.queryMetadataForKey(
                    TrackingTopology.COUNTS_STORE, cameraId, Serdes.String().serializer());
            HostInfo active = where.activeHost();
            if (where != KeyQueryMetadata.NOT_AVAILABLE && active != null && !active.equals(self)) {
                return new Answer.Elsewhere(active);
            }
        }
        return new Answer.Unknown();
    }

    /** Every camera this instance holds counts for, by camera id. */
    public TreeMap<String, CameraCounts> local() {
        TreeMap<String, CameraCounts> all = new TreeMap<>();
        try (KeyValueIterator<String, CameraCounts> it = store().all()) {
            while (it.hasNext()) {
                KeyValue<String, CameraCounts> entry = it.next();
                all.put(entry.key, entry.value);
            }
        }
        return all;
    }

    /** The partitions of the input topics this instance works on now ({@code frames-0}, ...). */
    public List<String> partitions() {
        List<String> partitions = new ArrayList<>();
        streams.metadataForLocalThreads()
                .forEach(thread -> thread.activeTasks()
                        .forEach(task -> task.topicPartitions().forEach(p -> partitions.add(p.toString()))));
        partitions.sort(null);
        return partitions;
    }

    /** The other instances of the application that announce an {@code application.server}. */
    public List<HostInfo> others() {
        List<HostInfo> others = new ArrayList<>();
        for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
            HostInfo host = instance.hostInfo();
            if (host != null && !host.equals(self) && host.port() > 0) {
                others.add(host);
            }
        }
        return others;
    }

    /** This instance's {@code application.server}, if it has one. */
    public Optional<HostInfo> self() {
        return Optional.ofNullable(self);
    }

    private ReadOnlyKeyValueStore<String, CameraCounts> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(
                TrackingTopology.COUNTS_STORE, QueryableStoreTypes.keyValueStore()));
    }
}
