package dev.vigil.model.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * An ONNX model of one fully connected layer, y = x·Wᵀ + b, as {@code torch.onnx.export} writes torch's
 * {@code Linear} (and so the detector's fc6): one {@code Gemm} node with {@code transB=1} whose weight (N×K, torch's
 * out×in layout) and bias are initializers, so that ONNX Runtime may pre-pack the weight at load as it does in the
 * exported network. Input "x" M×K, output "y" M×N, float32, opset 11. For {@code vigil bench gemm}: written here in
 * protobuf's wire format, field numbers from onnx.proto, rather than through a Python export.
 */
public final class OnnxLinearModel {

    private static final int IR_VERSION = 6;
    private static final int OPSET = 11;
    private static final int FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;

    private OnnxLinearModel() {}

    /**
     * The serialised model.
     *
     * @param rows M, the rows of x
     * @param weight N×K values, row-major
     * @param bias N values
     */
    public static byte[] bytes(int rows, float[] weight, float[] bias) {
        int outputs = bias.length;
        if (rows <= 0 || outputs == 0 || weight.length % outputs != 0 || weight.length == 0) {
            throw new IllegalArgumentException("need rows > 0 and an N×K weight for N = " + outputs + " biases, got "
                    + rows + " rows and " + weight.length + " weights");
        }
        int inputs = weight.length / outputs;
        Message node = new Message()
                .string(1, "x")
                .string(1, "w")
                .string(1, "b")
                .string(2, "y")
                .string(3, "fc")
                .string(4, "Gemm")
                .message(5, new Message().string(1, "transB").varint(3, 1).varint(20, ATTRIBUTE_INT));
        Message graph = new Message()
                .message(1, node)
                .string(2, "linear")
                .message(5, tensor("w", weight, outputs, inputs))
                .message(5, tensor("b", bias, outputs))
                .message(11, valueInfo("x", rows, inputs))
                .message(12, valueInfo("y", rows, outputs));
        return new Message()
                .varint(1, IR_VERSION)
                .string(2, "vigil")
                .message(7, graph)
                .message(8, new Message().string(1, "").varint(2, OPSET))
                .toByteArray();
    }

    private static Message tensor(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        Message tensor = new Message();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        return tensor.varint(2, FLOAT).string(8, name).bytes(9, raw.array());
    }

    private static Message valueInfo(String name, long... dims) {
        Message shape = new Message();
        for (long dim : dims) {
            shape.message(1, new Message().varint(1, dim));
        }
        Message tensorType = new Message().varint(1, FLOAT).message(2, shape);
        return new Message().string(1, name).message(2, new Message().message(1, tensorType));
    }

    /** A protobuf message being written: fields in the order given. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Message varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Message string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return bytes(field, value.toByteArray());
        }

        Message bytes(int field, byte[] value) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) ((rest & 0x7F) | 0x80));
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }
}
