package dev.vigil.stream.detect;

import dev.vigil.stream.detect.internal.BufferedFrame;
import dev.vigil.stream.kafka.InternalAvroSerde;

/** Plain Avro binary for the batch buffer's changelog: internal, fixed schema, no registry involved. */
final class BufferedFrameSerde extends InternalAvroSerde<BufferedFrame> {

    BufferedFrameSerde() {
        super(BufferedFrame.class, "buffered frame");
    }

    @Override
    protected int sizeHint(BufferedFrame frame) {
        return frame.getValue().remaining() + 256;
    }
}
