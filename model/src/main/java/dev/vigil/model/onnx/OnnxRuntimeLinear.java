package dev.vigil.model.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One fully connected layer ({@link OnnxLinearModel}) in ONNX Runtime on the CPU, with the session settings of
 * {@link OnnxRuntimeDetector}, on a fixed input: y = x·Wᵀ + b for an M×K x. The input tensor is made once, so that
 * {@link #run} times ONNX Runtime's work alone. Not thread-safe; close it to free the session. No ONNX Runtime type
 * appears in its methods.
 */
public final class OnnxRuntimeLinear implements AutoCloseable {

    private final OrtSession session;
    private final OnnxTensor input;
    private final int outputs;

    private OnnxRuntimeLinear(OrtSession session, OnnxTensor input, int outputs) {
        this.session = session;
        this.input = input;
        this.outputs = outputs;
    }

    /**
     * @param weight N×K values, row-major (torch's out×in)
     * @param bias N values
     * @param x M×K values
     * @param threads ONNX Runtime's intra-op threads
     */
    public static OnnxRuntimeLinear open(float[] weight, float[] bias, float[] x, int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        int inputs = bias.length == 0 ? 0 : weight.length / bias.length;
        if (inputs == 0 || x.length % inputs != 0) {
            throw new IllegalArgumentException(
                    "x has " + x.length + " values, not rows of the weight's " + inputs + " inputs");
        }
        int rows = x.length / inputs;
        byte[] model = OnnxLinearModel.bytes(rows, weight, bias);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (SessionOptions options = OnnxRuntimeDetector.sessionOptions(threads)) {
            OrtSession session = environment.createSession(model, options);
            ByteBuffer direct = ByteBuffer.allocateDirect(4 * x.length).order(ByteOrder.nativeOrder());
            direct.asFloatBuffer().put(x);
            OnnxTensor input = OnnxTensor.createTensor(environment, direct.asFloatBuffer(), new long[] {rows, inputs});
            return new OnnxRuntimeLinear(session, input, bias.length);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load a linear layer: " + e.getMessage(), e);
        }
    }

    /** Computes y and drops it. */
    public void run() {
        try (OrtSession.Result result = session.run(Map.of("x", input))) {
            // the result is freed unread
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a linear layer: " + e.getMessage(), e);
        }
    }

    /** y, M×N values. */
    public float[] output() {
        try (OrtSession.Result result = session.run(Map.of("x", input))) {
            FloatBuffer y = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[y.remaining()];
            y.get(values);
            if (values.length % outputs != 0) {
                throw new IllegalStateException(
                        "ONNX Runtime gave " + values.length + " values for " + outputs + " outputs a row");
            }
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a linear layer: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            input.close();
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }
}
