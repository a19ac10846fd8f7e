package dev.vigil.schemas.testkit;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real KRaft broker (Kafka's own test kit, combined broker and controller) for the whole test
 * run: started by the first class that uses this extension, closed when the run ends.
 */
public final class SharedKafkaBroker implements BeforeAllCallback {

    private static volatile KafkaClusterTestKit cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedKafkaBroker.class, key -> start(), ClusterResource.class);
    }

    /** Bootstrap servers of the running broker. */
    public static String bootstrapServers() {
        if (cluster == null) {
            throw new IllegalStateException("annotate the test with @ExtendWith(SharedKafkaBroker.class)");
        }
        return cluster.bootstrapServers();
    }

    private static ClusterResource start() {
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            cluster = kit;
            return new ClusterResource(kit);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test Kafka broker", e);
        }
    }

    @SuppressWarnings("deprecation")
    private record ClusterResource(KafkaClusterTestKit kit) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            cluster = null;
            kit.close();
        }
    }
}
