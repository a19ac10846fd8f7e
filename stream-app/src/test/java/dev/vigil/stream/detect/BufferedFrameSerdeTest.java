package dev.vigil.stream.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.stream.detect.internal.BufferedFrame;
import dev.vigil.stream.detect.internal.Header;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BufferedFrameSerdeTest {

    final BufferedFrameSerde serde = new BufferedFrameSerde();

    @Test
    void roundTripsEveryFieldIncludingNullsAndTheBytesAsTheyArrived() {
        byte[] value = new byte[70_000];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31);
        }
        BufferedFrame frame = BufferedFrame.newBuilder()
                .setValue(ByteBuffer.wrap(value))
                .setKey(null)
                .setTimestamp(1_764_000_000_123L)
                .setHeaders(List.of(new Header("trace", ByteBuffer.wrap(new byte[] {9, 8})), new Header("empty", null)))
                .setSourceTopic("frames")
                .setSourcePartition(3)
                .setSourceOffset(123_456_789_012L)
                .setArrivalMillis(1_764_000_000_456L)
                .build();

        byte[] bytes = serde.serializer().serialize("changelog", frame);
        BufferedFrame back = serde.deserializer().deserialize("changelog", bytes);

        assertThat(back).isEqualTo(frame);
        assertThat(DeadLetters.bytes(back.getValue())).isEqualTo(value);
        assertThat(back.getKey()).isNull();
        assertThat(back.getHeaders().get(1).getValue()).isNull();
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void truncatedBytesGiveASerializationErrorNamingTheTopic() {
        BufferedFrame frame = BufferedFrame.newBuilder()
                .setValue(ByteBuffer.wrap(new byte[100]))
                .setTimestamp(1)
                .setHeaders(List.of())
                .setSourceTopic("frames")
                .setSourcePartition(0)
                .setSourceOffset(0)
                .setArrivalMillis(0)
                .build();
        byte[] bytes = serde.serializer().serialize("t", frame);
        byte[] truncated = Arrays.copyOf(bytes, 20);
        assertThatThrownBy(() -> serde.deserializer().deserialize("app-frame-buffer-changelog", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("app-frame-buffer-changelog");
    }
}
